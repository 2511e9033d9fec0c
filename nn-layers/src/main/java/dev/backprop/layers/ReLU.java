package dev.backprop.layers;

import org.ejml.data.DMatrixRMaj;

/** Rectified linear unit: {@code max(0, z)}; its gradient is 0 where {@code z ≤ 0}, as in the book. */
public final class ReLU extends BufferedActivation {

    @Override
    void activate(DMatrixRMaj input, DMatrixRMaj output) {
        double[] z = input.data;
        double[] a = output.data;
        int size = input.getNumElements();
        for (int i = 0; i < size; i++) {
            a[i] = z[i] > 0 ? z[i] : 0;
        }
    }

    @Override
    void differentiate(DMatrixRMaj input, DMatrixRMaj output, DMatrixRMaj gradOutput, DMatrixRMaj gradInput) {
        double[] z = input.data;
        double[] d = gradOutput.data;
        double[] dz = gradInput.data;
        int size = gradOutput.getNumElements();
        for (int i = 0; i < size; i++) {
            dz[i] = z[i] > 0 ? d[i] : 0;
        }
    }
}
