package dev.distill.runtime;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.util.Arrays;
import java.util.Locale;

/**
 * How much ONNX Runtime rewrites a model's graph when it loads it: ONNX Runtime's graph
 * optimization levels. Every level computes the same function; higher levels fuse more nodes, so
 * they load a little slower and usually run faster, and their numbers may differ from a lower
 * level's in the last bits of a float. Set with {@link ClassifierOptions.Builder#graphOptimization}.
 */
public enum GraphOptimization {
  /** No rewriting: the graph runs node by node as written. */
  NONE(OptLevel.NO_OPT),
  /** Constant folding, redundant node elimination and the fusions that suit every provider. */
  BASIC(OptLevel.BASIC_OPT),
  /** {@link #BASIC} plus the more complex fusions (attention, layer normalization, GELU). */
  EXTENDED(OptLevel.EXTENDED_OPT),
  /** {@link #EXTENDED} plus layout optimizations (such as NCHWc). */
  LAYOUT(OptLevel.LAYOUT_OPT),
  /** Everything ONNX Runtime has; the default. */
  ALL(OptLevel.ALL_OPT);

  private final OptLevel level;

  GraphOptimization(OptLevel level) {
    this.level = level;
  }

  /** @return ONNX Runtime's level */
  OptLevel ortLevel() {
    return level;
  }

  /**
   * Reads a level by name, as a setting or command line gives it.
   *
   * @param name {@code none}, {@code basic}, {@code extended}, {@code layout} or {@code all}, in
   *     any case
   * @return the level
   * @throws IllegalArgumentException naming the value and the levels there are
   */
  public static GraphOptimization parse(String name) {
    for (GraphOptimization value : values()) {
      if (name != null && value.name().equalsIgnoreCase(name.trim())) {
        return value;
      }
    }
    throw new IllegalArgumentException("Unknown graph optimization level '" + name + "': use one of "
        + Arrays.toString(values()).toLowerCase(Locale.ROOT) + " (default all)");
  }
}
