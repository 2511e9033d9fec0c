/**
 * A native BLAS for Backprop: with this module on the class path, {@link dev.backprop.core.linalg.Gemm}
 * can run its products on OpenBLAS ({@link dev.backprop.blas.OpenBlasGemm}).
 */
package dev.backprop.blas;
