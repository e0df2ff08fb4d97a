package dev.distill.contract;

/**
 * The tensor names of a classifier's ONNX graph ({@code model.onnx} of a classifier folder): the
 * inputs the runtime feeds and the output it reads. The graph builders of {@code distill-onnx}
 * write these names and {@code distill-runtime} feeds and reads them, so they are defined once,
 * here, in a module both may depend on. They are HuggingFace's names, so a teacher exported by
 * Optimum is served the same way.
 *
 * <pre>
 * inputs:  input_ids, attention_mask[, token_type_ids]   int64 [batch, sequence]
 * output:  logits                                        float [batch, classes]
 * tabular: features                                      float [batch, features]
 * image:   pixel_values                                  float [batch, channels, height, width]
 * </pre>
 */
public final class ClassifierGraph {
  /** Token ids input, int64 {@code [batch, sequence]}. */
  public static final String INPUT_IDS = "input_ids";
  /** Attention mask input (1 = token, 0 = padding), int64 {@code [batch, sequence]}. */
  public static final String ATTENTION_MASK = "attention_mask";
  /** Segment ids input (all 0 for one-text inputs), int64 {@code [batch, sequence]}. */
  public static final String TOKEN_TYPE_IDS = "token_type_ids";
  /**
   * The numeric features of a tabular classifier, float {@code [batch, features]}: one row of raw values per
   * example, in the order of the model's {@code feature_names} (a distill student standardises them itself).
   */
  public static final String FEATURES = "features";
  /**
   * The pixels of an image classifier, float {@code [batch, channels, height, width]}, already preprocessed as the
   * model's {@code preprocessor_config.json} says ({@code (pixel * rescale_factor - image_mean) / image_std}):
   * HuggingFace's name for a vision model's input.
   */
  public static final String PIXEL_VALUES = "pixel_values";
  /**
   * The class probabilities some tabular teachers give instead of {@link #LOGITS} (an ONNX-ML
   * {@code TreeEnsembleClassifier} export), float {@code [batch, classes]}.
   */
  public static final String PROBABILITIES = "probabilities";
  /** The classifier's output, float {@code [batch, classes]}, one unnormalized score per label. */
  public static final String LOGITS = "logits";

  private ClassifierGraph() {}
}
