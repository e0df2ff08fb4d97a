package dev.distill.runtime;

import dev.distill.contract.ClassifierGraph;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link TextClassifier} that {@code TextClassifier.load} returns: a classifier folder's
 * {@code model.onnx} (output {@code logits}) on ONNX Runtime, its {@code tokenizer.json} on DJL's
 * HuggingFace tokenizer, its labels from {@code config.json}. Thread safety and close semantics
 * are those documented on {@link TextClassifier}: the {@link OnnxTextModel} below provides them.
 */
final class OnnxTextClassifier implements TextClassifier {
  private final OnnxTextModel model;
  private final ModelConfig config;
  private final ClassifierOptions options;

  private OnnxTextClassifier(OnnxTextModel model, ModelConfig config, ClassifierOptions options) {
    this.model = model;
    this.config = config;
    this.options = options;
  }

  /** Loads the three files of {@code source}, checking them against each other. */
  static TextClassifier load(ModelSource source, ClassifierOptions options) {
    Objects.requireNonNull(options, "options");
    source.requireAll();
    String configText = new String(source.readAll(ModelFolder.CONFIG), StandardCharsets.UTF_8);
    ModelConfig config = ModelConfig.parse(configText, source.describe(ModelFolder.CONFIG));
    ModelBytes bytes = ModelBytes.from(source);
    if (options.verifyChecksum()) {
      config.modelSha256().ifPresent(expected -> bytes.verify(expected, config.location()));
    }
    TextEncoder encoder;
    try (InputStream in = source.open(ModelFolder.TOKENIZER)) {
      encoder = TextEncoder.load(in, source.describe(ModelFolder.TOKENIZER),
          options.resolveMaxLength(config));
    } catch (IOException e) {
      throw new ModelLoadException("Cannot read " + source.describe(ModelFolder.TOKENIZER), e);
    }
    OnnxTextModel model = OnnxTextModel.open(bytes, encoder, ClassifierGraph.LOGITS,
        options.intraOpThreads(), options);
    try {
      checkWidth(model, config);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    return new OnnxTextClassifier(model, config, options);
  }

  /** A declared width is checked at once; a symbolic one with one probe inference. */
  private static void checkWidth(OnnxTextModel model, ModelConfig config) {
    int labels = config.labels().size();
    int width = model.declaredOutputWidth().orElseGet(() -> model.forward(List.of(""))[0].length);
    if (width != labels) {
      throw new ModelLoadException(model.location() + " outputs " + width + " logits per text but "
          + config.location() + " names " + labels + " labels in id2label " + config.labels());
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Texts of similar length are batched together (each batch is padded to its longest text,
   * so this wastes less work).
   */
  @Override
  public float[][] logits(List<String> texts) {
    int n = texts.size();
    float[][] out = new float[n][];
    int batchSize = options.batchSize();
    if (n <= batchSize) {
      return model.forward(texts); // even an empty list, so that a call after close() throws
    }
    // Sort by character length (a good proxy for token length) so that each batch pads little;
    // the key packs length and index into one primitive to sort without boxing.
    long[] order = new long[n];
    for (int i = 0; i < n; i++) {
      String text = texts.get(i);
      if (text == null) {
        throw new NullPointerException("text at index " + i + " is null");
      }
      order[i] = ((long) text.length() << 32) | i;
    }
    Arrays.sort(order);
    List<String> chunk = new ArrayList<>(batchSize);
    for (int start = 0; start < n; start += batchSize) {
      int end = Math.min(n, start + batchSize);
      chunk.clear();
      for (int k = start; k < end; k++) {
        chunk.add(texts.get((int) order[k]));
      }
      float[][] rows = model.forward(chunk);
      for (int k = start; k < end; k++) {
        out[(int) order[k]] = rows[k - start];
      }
    }
    return out;
  }

  @Override
  public Optional<EncodedBatch> encode(List<String> texts) {
    return Optional.of(model.encoder().encode(texts));
  }

  /** Runs the parts as one batch, whatever {@link ClassifierOptions#batchSize()} says: the caller chose it. */
  @Override
  public float[][] logitsEncoded(List<EncodedBatch> parts) {
    return model.forward(model.encoder().join(parts));
  }

  @Override
  public List<String> labels() {
    return config.labels();
  }

  @Override
  public ModelConfig config() {
    return config;
  }

  @Override
  public ClassifierOptions options() {
    return options;
  }

  @Override
  public int maxLength() {
    return model.encoder().maxLength();
  }

  @Override
  public void close() {
    model.close();
  }
}
