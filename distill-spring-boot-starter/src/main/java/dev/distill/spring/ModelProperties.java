package dev.distill.spring;

import dev.distill.runtime.ClassifierOptions;
import dev.distill.runtime.GraphOptimization;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The settings of one model, {@code distill.models.<name>.*}: where it is (none for a model bundled
 * on the classpath) and how to run it. Unset options keep {@link ClassifierOptions#defaults()}.
 */
public class ModelProperties {
  /** A classifier folder (model.onnx, tokenizer.json, config.json) or a jar packaging one. */
  private Path path;
  /** ONNX Runtime threads per inference (default 1). */
  private Integer threads;
  /** ONNX Runtime graph optimization: none, basic, extended, layout or all (default all). */
  private GraphOptimization graphOptimization;
  /** Texts per inference in batch calls (default 32). */
  private Integer batchSize;
  /** Tokens per text, special tokens included (default: config.json's max_length, else 128). */
  private Integer maxLength;
  /** Whether model.onnx is checked against config.json's sha256 (default true). */
  private Boolean verifyChecksum;

  /** @return the folder or jar, or null for a model bundled on the classpath */
  public Path getPath() {
    return path;
  }

  /** @param path a classifier folder or a jar packaging one */
  public void setPath(Path path) {
    this.path = path;
  }

  /** @return ONNX Runtime threads per inference, or null for the default */
  public Integer getThreads() {
    return threads;
  }

  /** @param threads ONNX Runtime threads per inference */
  public void setThreads(Integer threads) {
    this.threads = threads;
  }

  /** @return the graph optimization level, or null for the default */
  public GraphOptimization getGraphOptimization() {
    return graphOptimization;
  }

  /** @param graphOptimization the graph optimization level */
  public void setGraphOptimization(GraphOptimization graphOptimization) {
    this.graphOptimization = graphOptimization;
  }

  /** @return texts per inference in batch calls, or null for the default */
  public Integer getBatchSize() {
    return batchSize;
  }

  /** @param batchSize texts per inference in batch calls */
  public void setBatchSize(Integer batchSize) {
    this.batchSize = batchSize;
  }

  /** @return tokens per text, or null for config.json's */
  public Integer getMaxLength() {
    return maxLength;
  }

  /** @param maxLength tokens per text */
  public void setMaxLength(Integer maxLength) {
    this.maxLength = maxLength;
  }

  /** @return whether the checksum is verified, or null for the default */
  public Boolean getVerifyChecksum() {
    return verifyChecksum;
  }

  /** @param verifyChecksum whether the checksum is verified */
  public void setVerifyChecksum(Boolean verifyChecksum) {
    this.verifyChecksum = verifyChecksum;
  }

  /**
   * @param prefix these settings' property prefix, {@code distill.models.<name>}, for messages
   * @return the options these settings give
   * @throws IllegalArgumentException naming the property whose value is out of range
   */
  ClassifierOptions toOptions(String prefix) {
    ClassifierOptions.Builder builder = ClassifierOptions.builder();
    apply(prefix + ".threads", threads, builder::intraOpThreads);
    apply(prefix + ".graph-optimization", graphOptimization, builder::graphOptimization);
    apply(prefix + ".batch-size", batchSize, builder::batchSize);
    apply(prefix + ".max-length", maxLength, builder::maxLength);
    apply(prefix + ".verify-checksum", verifyChecksum, builder::verifyChecksum);
    return builder.build();
  }

  private static <T> void apply(String property, T value, Consumer<T> setter) {
    if (value == null) {
      return;
    }
    try {
      setter.accept(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(property + "=" + value + " is invalid: " + e.getMessage(),
          e);
    }
  }
}
