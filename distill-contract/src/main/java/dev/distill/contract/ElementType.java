package dev.distill.contract;

/**
 * The element type of an input tensor of a model's ONNX graph. The constant names are those of ONNX's
 * {@code TensorProto.DataType}, so a graph builder maps one onto the other by name.
 */
public enum ElementType {
  /** 64-bit signed integers: token ids, masks. */
  INT64,
  /** 32-bit floats: pixels, numeric features. */
  FLOAT
}
