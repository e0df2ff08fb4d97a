package dev.distill.contract;

import java.util.List;
import java.util.Objects;

/**
 * One input tensor of a model's ONNX graph as the graph declares it: its name, its element type and
 * its dimensions, each a symbolic name (a size the graph leaves open, such as {@code batch}).
 *
 * @param name the graph input's name, e.g. {@code input_ids}
 * @param type its element type
 * @param dimensions its symbolic dimensions, outermost first; the first is always the batch
 */
public record InputTensor(String name, ElementType type, List<String> dimensions) {

  /** Checks the parts and copies the dimensions. */
  public InputTensor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    dimensions = List.copyOf(dimensions);
    if (dimensions.isEmpty() || !dimensions.get(0).equals(InputKind.BATCH)) {
      throw new IllegalArgumentException("the input tensor '" + name + "' has dimensions " + dimensions
          + "; its first dimension must be '" + InputKind.BATCH + "'");
    }
  }

  @Override
  public String toString() {
    return name + " " + type.name().toLowerCase(java.util.Locale.ROOT) + " " + dimensions;
  }
}
