package dev.distill.runtime;

import java.util.OptionalInt;

/**
 * How a {@link TextClassifier} runs. Immutable; build with {@link #builder()}.
 *
 * <ul>
 *   <li>{@code intraOpThreads}: ONNX Runtime threads per inference, default 1 (set it explicitly:
 *       more threads than free cores makes inference slower, not faster);
 *   <li>{@code maxLength}: tokens per text including special tokens, longer texts are truncated;
 *       default {@code max_length} from {@code config.json}, else {@value #DEFAULT_MAX_LENGTH};
 *   <li>{@code batchSize}: texts per inference in {@link TextClassifier#predictBatch}, default
 *       {@value #DEFAULT_BATCH_SIZE};
 *   <li>{@code verifyChecksum}: compare {@code model.onnx} with {@code distill.model_sha256} of
 *       {@code config.json} when present, default true;
 *   <li>{@code graphOptimization}: how much ONNX Runtime rewrites the graph at load, default
 *       {@link GraphOptimization#ALL};
 *   <li>{@code executionProvider}: where ONNX Runtime runs the model, default
 *       {@link ExecutionProvider#CPU}; one that the ONNX Runtime on the class path lacks fails the
 *       load with a {@link ModelLoadException} saying so;
 *   <li>{@code foldInt8Weights}: for a weight-only int8 model ({@code DequantizeLinear} of
 *       constant weights its only quantization, see {@link WeightFolding}), let ONNX Runtime turn
 *       the weights into floats once at load instead of on every call, default true.
 * </ul>
 */
public final class ClassifierOptions {
  /** The maximum length used when neither the options nor {@code config.json} give one. */
  public static final int DEFAULT_MAX_LENGTH = 128;
  /** The default number of texts per inference. */
  public static final int DEFAULT_BATCH_SIZE = 32;

  private static final ClassifierOptions DEFAULTS = builder().build();

  private final int intraOpThreads;
  private final int maxLength;
  private final int batchSize;
  private final boolean verifyChecksum;
  private final GraphOptimization graphOptimization;
  private final ExecutionProvider executionProvider;
  private final boolean foldInt8Weights;

  private ClassifierOptions(Builder builder) {
    this.intraOpThreads = builder.intraOpThreads;
    this.maxLength = builder.maxLength;
    this.batchSize = builder.batchSize;
    this.verifyChecksum = builder.verifyChecksum;
    this.graphOptimization = builder.graphOptimization;
    this.executionProvider = builder.executionProvider;
    this.foldInt8Weights = builder.foldInt8Weights;
  }

  /**
   * @return the defaults: 1 thread, max length from config.json, batch 32, checksum verified, all
   *     graph optimizations, on the CPU, weight-only int8 folded at load
   */
  public static ClassifierOptions defaults() {
    return DEFAULTS;
  }

  /** @return a builder starting from the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a builder starting from these options */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.intraOpThreads = intraOpThreads;
    builder.maxLength = maxLength;
    builder.batchSize = batchSize;
    builder.verifyChecksum = verifyChecksum;
    builder.graphOptimization = graphOptimization;
    builder.executionProvider = executionProvider;
    builder.foldInt8Weights = foldInt8Weights;
    return builder;
  }

  /** @return ONNX Runtime intra-op threads */
  public int intraOpThreads() {
    return intraOpThreads;
  }

  /** @return the maximum tokens per text, or empty to use config.json's (else 128) */
  public OptionalInt maxLength() {
    return maxLength == 0 ? OptionalInt.empty() : OptionalInt.of(maxLength);
  }

  /** @return texts per inference in batch calls */
  public int batchSize() {
    return batchSize;
  }

  /** @return whether model.onnx is checked against config.json's sha256 */
  public boolean verifyChecksum() {
    return verifyChecksum;
  }

  /** @return how much ONNX Runtime rewrites the graph at load */
  public GraphOptimization graphOptimization() {
    return graphOptimization;
  }

  /** @return where ONNX Runtime runs the model */
  public ExecutionProvider executionProvider() {
    return executionProvider;
  }

  /** @return whether a weight-only int8 model's weights are made float once, at load */
  public boolean foldInt8Weights() {
    return foldInt8Weights;
  }

  /**
   * @param config the model's config
   * @return the maximum length in force: these options', else the config's, else 128
   */
  public int resolveMaxLength(ModelConfig config) {
    if (maxLength != 0) {
      return maxLength;
    }
    return config.maxLength().orElse(DEFAULT_MAX_LENGTH);
  }

  @Override
  public String toString() {
    return "ClassifierOptions[intraOpThreads=" + intraOpThreads
        + ", maxLength=" + (maxLength == 0 ? "from config" : maxLength)
        + ", batchSize=" + batchSize + ", verifyChecksum=" + verifyChecksum
        + ", graphOptimization=" + graphOptimization + ", executionProvider=" + executionProvider
        + ", foldInt8Weights=" + foldInt8Weights + "]";
  }

  /** Builds {@link ClassifierOptions}; every setter validates its value at once. */
  public static final class Builder {
    private int intraOpThreads = 1;
    private int maxLength;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private boolean verifyChecksum = true;
    private GraphOptimization graphOptimization = GraphOptimization.ALL;
    private ExecutionProvider executionProvider = ExecutionProvider.CPU;
    private boolean foldInt8Weights = true;

    private Builder() {}

    /**
     * @param threads ONNX Runtime intra-op threads, at least 1
     * @return this builder
     */
    public Builder intraOpThreads(int threads) {
      this.intraOpThreads = atLeast("intraOpThreads", threads, 1);
      return this;
    }

    /**
     * @param tokens the maximum tokens per text including special tokens, at least 2
     * @return this builder
     */
    public Builder maxLength(int tokens) {
      this.maxLength = atLeast("maxLength", tokens, 2);
      return this;
    }

    /**
     * @param texts texts per inference, at least 1
     * @return this builder
     */
    public Builder batchSize(int texts) {
      this.batchSize = atLeast("batchSize", texts, 1);
      return this;
    }

    /**
     * @param verify whether to check model.onnx against config.json's sha256
     * @return this builder
     */
    public Builder verifyChecksum(boolean verify) {
      this.verifyChecksum = verify;
      return this;
    }

    /**
     * @param level how much ONNX Runtime rewrites the graph at load (default
     *     {@link GraphOptimization#ALL})
     * @return this builder
     */
    public Builder graphOptimization(GraphOptimization level) {
      this.graphOptimization = present("graphOptimization", level, GraphOptimization.values());
      return this;
    }

    /**
     * @param provider where ONNX Runtime runs the model (default {@link ExecutionProvider#CPU});
     *     whether it is there is checked when a model is loaded
     * @return this builder
     */
    public Builder executionProvider(ExecutionProvider provider) {
      this.executionProvider = present("executionProvider", provider, ExecutionProvider.values());
      return this;
    }

    /**
     * @param fold whether a weight-only int8 model's weights are made float once at load (default
     *     true; false keeps them int8 in memory and dequantizes them on every call, slower; a
     *     {@link GraphOptimization#NONE} graph is never folded)
     * @return this builder
     */
    public Builder foldInt8Weights(boolean fold) {
      this.foldInt8Weights = fold;
      return this;
    }

    /** @return the options */
    public ClassifierOptions build() {
      return new ClassifierOptions(this);
    }

    private static <T> T present(String setting, T value, T[] choices) {
      if (value == null) {
        throw new IllegalArgumentException("ClassifierOptions." + setting + " must not be null: use"
            + " one of " + java.util.Arrays.toString(choices));
      }
      return value;
    }

    private static int atLeast(String setting, int value, int minimum) {
      if (value < minimum) {
        throw new IllegalArgumentException(
            "ClassifierOptions." + setting + " must be at least " + minimum + ", was " + value);
      }
      return value;
    }
  }
}
