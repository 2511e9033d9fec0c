/**
 * ONNX export: {@link dev.backprop.onnx.OnnxExport} writes a trained model, with the preprocessing of
 * its table, as one ONNX graph; {@link dev.backprop.onnx.LayerExporter} is how a layer becomes ONNX
 * nodes, and {@link dev.backprop.onnx.OnnxSummary} describes an exported file.
 */
package dev.backprop.onnx;
