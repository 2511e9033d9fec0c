package dev.backprop.data;

import dev.backprop.core.data.Dataset;
import dev.backprop.core.data.InMemoryDataset;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.ejml.data.DMatrixRMaj;

/**
 * Fashion-MNIST from its IDX files (gzipped or not), as Debian's {@code dataset-fashion-mnist}
 * installs them in {@value #DEFAULT_DIRECTORY}: 60 000 training and 10 000 test images of 28 × 28
 * grey levels in 10 classes.
 *
 * <p>Images are flattened to 784 columns and scaled as the book does, {@code (x − 127.5) / 127.5},
 * into [−1, 1]; labels are class indices (n × 1).
 */
public final class FashionMnist {

    /** Where Debian's package puts the files. */
    public static final String DEFAULT_DIRECTORY = "/usr/share/datasets/fashion-mnist";
    /** The class names, by index. */
    public static final String[] CLASSES = {
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"
    };

    private static final int IMAGE_MAGIC = 0x00000803;
    private static final int LABEL_MAGIC = 0x00000801;
    private static final int SIDE = 28;

    private FashionMnist() {}

    /**
     * @param directory the folder with the four IDX files
     * @return whether all four are there (gzipped or not)
     */
    public static boolean available(Path directory) {
        for (String name : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
            if (find(directory, name) == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param directory the folder with the IDX files
     * @param limit the most samples to read, from the start of the file
     * @return the training set, scaled, in file order
     */
    public static InMemoryDataset train(Path directory, int limit) {
        return read(directory, "train", limit);
    }

    /**
     * @param directory the folder with the IDX files
     * @param limit the most samples to read, from the start of the file
     * @return the test set, scaled, in file order
     */
    public static InMemoryDataset test(Path directory, int limit) {
        return read(directory, "t10k", limit);
    }

    private static InMemoryDataset read(Path directory, String prefix, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        Path images = require(directory, prefix + "-images-idx3-ubyte");
        Path labels = require(directory, prefix + "-labels-idx1-ubyte");
        DMatrixRMaj x = readImages(images, limit);
        DMatrixRMaj y = readLabels(labels, limit);
        if (x.numRows != y.numRows) {
            throw new DataFormatException(images + " holds " + x.numRows + " images but " + labels + " holds "
                    + y.numRows + " labels");
        }
        return Dataset.of(x, y);
    }

    private static Path find(Path directory, String name) {
        for (Path candidate : new Path[] {directory.resolve(name + ".gz"), directory.resolve(name)}) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static Path require(Path directory, String name) {
        Path file = find(directory, name);
        if (file == null) {
            throw new DataFormatException("Fashion-MNIST: no " + name + "(.gz) in " + directory
                    + "; install Debian's dataset-fashion-mnist or give --data-dir");
        }
        return file;
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (file.toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new DataInputStream(in);
    }

    private static DMatrixRMaj readImages(Path file, int limit) {
        try (DataInputStream in = open(file)) {
            expectMagic(in, IMAGE_MAGIC, file, "images (idx3, unsigned bytes)");
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (count < 1 || rows != SIDE || cols != SIDE) {
                throw new DataFormatException(file + " holds " + count + " images of " + rows + "×" + cols
                        + "; Fashion-MNIST has 28×28 images");
            }
            int n = Math.min(count, limit);
            long bytes = 8L * n * SIDE * SIDE;
            if (bytes > Runtime.getRuntime().maxMemory() / 2) {
                throw new DataFormatException(file + " holds " + n + " images, " + (bytes >> 20) + " MiB as doubles: more "
                        + "than half of the " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB this JVM may use; "
                        + "give --limit or a larger -Xmx");
            }
            DMatrixRMaj x = new DMatrixRMaj(n, SIDE * SIDE);
            byte[] pixels = new byte[SIDE * SIDE];
            for (int i = 0; i < n; i++) {
                try {
                    in.readFully(pixels);
                } catch (EOFException e) {
                    throw new DataFormatException(file + " is truncated: it ends in image " + i + " of " + count, e);
                }
                for (int p = 0; p < pixels.length; p++) {
                    x.data[i * pixels.length + p] = ((pixels[p] & 0xff) - 127.5) / 127.5;
                }
            }
            return x;
        } catch (NoSuchFileException e) {
            throw new DataFormatException("No file " + file, e);
        } catch (IOException e) {
            throw new DataFormatException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static DMatrixRMaj readLabels(Path file, int limit) {
        try (DataInputStream in = open(file)) {
            expectMagic(in, LABEL_MAGIC, file, "labels (idx1, unsigned bytes)");
            int count = in.readInt();
            if (count < 1) {
                throw new DataFormatException(file + " holds " + count + " labels");
            }
            int n = Math.min(count, limit);
            DMatrixRMaj y = new DMatrixRMaj(n, 1);
            for (int i = 0; i < n; i++) {
                int label;
                try {
                    label = in.readUnsignedByte();
                } catch (EOFException e) {
                    throw new DataFormatException(file + " is truncated: it ends at label " + i + " of " + count, e);
                }
                if (label >= CLASSES.length) {
                    throw new DataFormatException(file + ": label " + label + " at index " + i + " is not a class 0-9");
                }
                y.data[i] = label;
            }
            return y;
        } catch (IOException e) {
            throw new DataFormatException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void expectMagic(DataInputStream in, int magic, Path file, String what) throws IOException {
        int actual;
        try {
            actual = in.readInt();
        } catch (EOFException e) {
            throw new DataFormatException(file + " is empty or truncated: expected an IDX header for " + what, e);
        }
        if (actual != magic) {
            throw new DataFormatException(String.format("%s is not an IDX file of %s (magic 0x%08x, expected 0x%08x)",
                    file, what, actual, magic));
        }
    }
}
