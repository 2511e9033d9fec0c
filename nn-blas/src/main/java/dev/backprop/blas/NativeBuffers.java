package dev.backprop.blas;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.ejml.data.DMatrixRMaj;

/**
 * One thread's native copies of a product's operands (slots 0 and 1) and result, each grown to
 * the largest size seen and then reused. Float32 operands are narrowed through a reused Java
 * array, then copied in one call.
 */
final class NativeBuffers {

    private final DoublePointer[] doubles = {new DoublePointer(0L), new DoublePointer(0L), new DoublePointer(0L)};
    private final FloatPointer[] floats = {new FloatPointer(0L), new FloatPointer(0L), new FloatPointer(0L)};
    private float[] narrow = new float[0];
    private int resultSize;

    /** @return the native copy of {@code matrix} in slot 0 or 1 */
    DoublePointer doubles(int slot, DMatrixRMaj matrix) {
        int size = matrix.getNumElements();
        DoublePointer buffer = doubleSlot(slot, size);
        buffer.put(matrix.data, 0, size);
        return buffer;
    }

    /** @return the buffer the result of {@code size} doubles goes to */
    DoublePointer doubleResult(int size) {
        resultSize = size;
        return doubleSlot(2, size);
    }

    /** @return the result buffer, holding a copy of {@code c} for a product to be added to */
    DoublePointer doubleResultFrom(DMatrixRMaj c) {
        resultSize = c.getNumElements();
        DoublePointer buffer = doubleSlot(2, resultSize);
        buffer.put(c.data, 0, resultSize);
        return buffer;
    }

    /** Copies the last double result into {@code c}. */
    void readDoubles(DMatrixRMaj c) {
        doubles[2].get(c.data, 0, resultSize);
    }

    /** @return the native float copy of {@code matrix} in slot 0 or 1 */
    FloatPointer floats(int slot, DMatrixRMaj matrix) {
        int size = matrix.getNumElements();
        float[] values = narrow(size);
        double[] data = matrix.data;
        for (int i = 0; i < size; i++) {
            values[i] = (float) data[i];
        }
        FloatPointer buffer = floatSlot(slot, size);
        buffer.put(values, 0, size);
        return buffer;
    }

    /** @return the buffer the result of {@code size} floats goes to */
    FloatPointer floatResult(int size) {
        resultSize = size;
        return floatSlot(2, size);
    }

    /** Widens the last float result into {@code c}. */
    void readFloats(DMatrixRMaj c) {
        float[] values = narrow(resultSize);
        floats[2].get(values, 0, resultSize);
        double[] data = c.data;
        for (int i = 0; i < resultSize; i++) {
            data[i] = values[i];
        }
    }

    private float[] narrow(int size) {
        if (narrow.length < size) {
            narrow = new float[Math.max(size, 2 * narrow.length)];
        }
        return narrow;
    }

    private DoublePointer doubleSlot(int slot, long size) {
        DoublePointer buffer = doubles[slot];
        if (buffer.isNull() || buffer.capacity() < size) {
            buffer.close();
            buffer = new DoublePointer(Math.max(size, 2 * buffer.capacity()));
            doubles[slot] = buffer;
        }
        return buffer;
    }

    private FloatPointer floatSlot(int slot, long size) {
        FloatPointer buffer = floats[slot];
        if (buffer.isNull() || buffer.capacity() < size) {
            buffer.close();
            buffer = new FloatPointer(Math.max(size, 2 * buffer.capacity()));
            floats[slot] = buffer;
        }
        return buffer;
    }
}
