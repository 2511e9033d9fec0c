package dev.backprop.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format, version 1.0, for 2-D arrays of little-endian doubles: what
 * {@code numpy.load} reads with no code of ours.
 */
final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 4096;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(\\s*(\\d{1,10})\\s*,\\s*(\\d{1,10})\\s*,?\\s*\\)");

    private Npy() {}

    /** @return the bytes of a .npy file holding {@code data} as a rows × cols float64 array */
    static byte[] write(double[] data, int rows, int cols) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        // NumPy pads the header with spaces and a newline so that the data starts 64-byte aligned.
        int unpadded = MAGIC.length + 4 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer buffer = ByteBuffer.allocate(MAGIC.length + 4 + header.length() + 8 * rows * cols)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buffer.put(header.getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < rows * cols; i++) {
            buffer.putDouble(data[i]);
        }
        return buffer.array();
    }

    /** @return the number of bytes {@link #write} produces for rows × cols */
    static long size(int rows, int cols) {
        int dict = ("{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }").length();
        int unpadded = MAGIC.length + 4 + dict + 1;
        return unpadded + (64 - unpadded % 64) % 64 + 8L * rows * cols;
    }

    /**
     * Reads a .npy stream that must hold a rows × cols float64 array into {@code target}.
     *
     * @param in the entry's bytes
     * @param rows the rows the model file declares
     * @param cols the columns it declares
     * @param target where the values go, at least rows × cols long
     * @param where the file and entry, for messages
     */
    static void read(InputStream in, int rows, int cols, double[] target, String where) throws IOException {
        byte[] prelude = in.readNBytes(MAGIC.length + 4);
        if (prelude.length < MAGIC.length + 4) {
            throw new ModelFileException(where + " is truncated: it ends inside the .npy header");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (prelude[i] != MAGIC[i]) {
                throw new ModelFileException(where + " is not a .npy array (bad magic bytes)");
            }
        }
        if (prelude[6] != 1) {
            throw new ModelFileException(where + " is .npy version " + prelude[6] + "." + prelude[7] + "; only 1.0 is read");
        }
        int headerLength = (prelude[8] & 0xff) | (prelude[9] & 0xff) << 8;
        if (headerLength > MAX_HEADER) {
            throw new ModelFileException(where + " has a .npy header of " + headerLength + " bytes; at most " + MAX_HEADER);
        }
        byte[] headerBytes = in.readNBytes(headerLength);
        if (headerBytes.length < headerLength) {
            throw new ModelFileException(where + " is truncated: it ends inside the .npy header");
        }
        String header = new String(headerBytes, StandardCharsets.US_ASCII);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shape = SHAPE.matcher(header);
        if (!descr.find() || !descr.group(1).equals("<f8")) {
            throw new ModelFileException(where + " does not hold little-endian float64 values ('<f8')");
        }
        if (!fortran.find() || !fortran.group(1).equals("False")) {
            throw new ModelFileException(where + " is not in C (row-major) order");
        }
        if (!shape.find() || Long.parseLong(shape.group(1)) != rows || Long.parseLong(shape.group(2)) != cols) {
            throw new ModelFileException(where + " does not have the declared shape (" + rows + ", " + cols + ")");
        }
        ByteBuffer chunk = ByteBuffer.allocate(8 * 4096).order(ByteOrder.LITTLE_ENDIAN);
        int count = rows * cols;
        int done = 0;
        while (done < count) {
            int want = Math.min(4096, count - done);
            byte[] bytes = in.readNBytes(8 * want);
            if (bytes.length < 8 * want) {
                throw new ModelFileException(where + " is truncated: " + (done + bytes.length / 8) + " of " + count
                        + " values");
            }
            chunk.clear();
            chunk.put(bytes).flip();
            for (int i = 0; i < want; i++) {
                target[done++] = chunk.getDouble();
            }
        }
        if (in.read() != -1) {
            throw new ModelFileException(where + " holds more data than its shape (" + rows + ", " + cols + ")");
        }
    }
}
