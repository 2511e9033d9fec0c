/**
 * Matrix products: {@link dev.backprop.core.linalg.Gemm}, chosen once among the
 * {@link dev.backprop.core.linalg.GemmBackend}s on the class path (EJML always; OpenBLAS with
 * nn-blas), and the {@link dev.backprop.core.linalg.Precision} they compute in.
 */
package dev.backprop.core.linalg;
