/**
 * ONNX export ({@link dev.nn4j.onnx.OnnxExport}) and import ({@link dev.nn4j.onnx.OnnxImport})
 * of nn4j's {@link dev.nn4j.nn.Sequential} models. Protobuf stays in this module: core does
 * not depend on it. Failures are {@link dev.nn4j.onnx.OnnxFormatException}s naming the file,
 * node, op and attribute.
 */
package dev.nn4j.onnx;
