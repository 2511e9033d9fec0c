package dev.backprop.onnx;

/**
 * A model that cannot be written as ONNX: a layer without an exporter, a setting the chosen opset
 * cannot express, or a file that cannot be written. No partial file is left behind.
 */
public final class OnnxExportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what cannot be exported, and what to do about it */
    public OnnxExportException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause the underlying error
     */
    public OnnxExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
