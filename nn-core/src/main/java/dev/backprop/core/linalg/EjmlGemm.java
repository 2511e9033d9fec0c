package dev.backprop.core.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** Products by EJML's transposed multiplies: pure Java, always there, and the reference. */
public final class EjmlGemm implements GemmBackend {

    @Override
    public String name() {
        return "ejml";
    }

    @Override
    public void multiply(DMatrixRMaj a, boolean transposeA, DMatrixRMaj b, boolean transposeB, DMatrixRMaj c) {
        if (transposeA && transposeB) {
            CommonOps_DDRM.multTransAB(a, b, c);
        } else if (transposeA) {
            CommonOps_DDRM.multTransA(a, b, c);
        } else if (transposeB) {
            CommonOps_DDRM.multTransB(a, b, c);
        } else {
            CommonOps_DDRM.mult(a, b, c);
        }
    }
}
