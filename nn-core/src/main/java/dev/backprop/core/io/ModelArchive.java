package dev.backprop.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.ejml.data.DMatrixRMaj;

/**
 * The zip under a model file: entries stored (not deflated) with their checksums when written;
 * when read, every entry's checksum checked and no more bytes read than its declared size needs.
 * The schema of what the entries mean is {@link ModelFile}'s.
 */
final class ModelArchive {

    private final ZipFile zip;
    private final String file;

    ModelArchive(ZipFile zip, String file) {
        this.zip = zip;
        this.file = file;
    }

    /** @return the file's name, as messages give it */
    String file() {
        return file;
    }

    /** Stored, not deflated: numpy reads either, and stored entries bound what a file can claim. */
    static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    /**
     * Reads the {@code .npy} entry of an array of {@code shape}'s size into {@code target}; its
     * values must all be finite.
     */
    void readArray(String entry, DMatrixRMaj shape, double[] target) throws IOException {
        String name = entry + ".npy";
        ZipEntry zipEntry = zip.getEntry(name);
        if (zipEntry == null) {
            throw new ModelFileException(file + " has no entry " + name);
        }
        CRC32 crc = new CRC32();
        try (InputStream in = new CheckedInputStream(
                bounded(zip.getInputStream(zipEntry), Npy.size(shape.numRows, shape.numCols) + 4096), crc)) {
            Npy.read(in, shape.numRows, shape.numCols, target, file + "!" + name);
        }
        checkCrc(zipEntry, crc, name);
        for (int i = 0; i < shape.getNumElements(); i++) {
            if (!Double.isFinite(target[i])) {
                throw new ModelFileException(file + "!" + name + " holds " + target[i] + " at index " + i);
            }
        }
    }

    /** @return an entry's bytes, refused past {@code limit} */
    byte[] entryBytes(String name, int limit) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new ModelFileException(file + " is not a model file: it has no " + name);
        }
        CRC32 crc = new CRC32();
        try (InputStream in = new CheckedInputStream(zip.getInputStream(entry), crc)) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new ModelFileException(file + ": " + name + " is larger than " + limit + " bytes");
            }
            checkCrc(entry, crc, name);
            return bytes;
        }
    }

    /** Stored entries are not checked by the zip reader itself: a flipped bit in a weight must not pass. */
    private void checkCrc(ZipEntry entry, CRC32 crc, String name) {
        if (entry.getCrc() != -1 && entry.getCrc() != crc.getValue()) {
            throw new ModelFileException(file + "!" + name + " is damaged: its checksum does not match");
        }
    }

    /** Reads at most {@code limit} bytes, then reports the end. */
    private static InputStream bounded(InputStream in, long limit) {
        return new InputStream() {
            private long left = limit;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = in.read();
                left--;
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = in.read(buffer, offset, (int) Math.min(length, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
