package dev.distill.runtime;

import dev.distill.annotations.Distill;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A text classifier served with ONNX Runtime: a folder (or {@code META-INF/distill/<name>/} on the
 * classpath) holding {@code model.onnx} (output {@code logits}), {@code tokenizer.json} and
 * {@code config.json} (with {@code id2label}).
 *
 * <pre>{@code
 * try (TextClassifier classifier = TextClassifier.load(Path.of("target/distill/sentiment"))) {
 *   Prediction p = classifier.predict("a gripping, funny film");
 *   System.out.println(p.label() + " " + p.score());
 * }
 * }</pre>
 *
 * <p>Texts: an empty text is allowed (it is classified from the special tokens alone); a null text
 * throws {@link NullPointerException}; text beyond {@code maxLength} tokens is truncated.
 *
 * <p>Thread safety: one instance is meant to be shared by all threads; {@link #predict},
 * {@link #predictBatch} and {@link #logits} may run concurrently and give the same answers as the
 * same calls made one after another. (An int8 model's scores for a text depend slightly on the
 * other texts of its batch, so compare like with like: the same batches.)
 *
 * <p>Close semantics: {@link #close()} is idempotent and may be called from any thread, also
 * while others predict. It waits for the inferences in flight, then frees the native ONNX Runtime
 * session and tokenizer, so no call ever touches freed native memory. A call that has not started
 * an inference by then, or one after {@code close()}, throws {@link IllegalStateException} whose
 * message names the model ("The model .../model.onnx is closed; load it again to use it"); a
 * batch call split into several inferences may thus fail part way. {@link #labels()},
 * {@link #config()}, {@link #options()} and {@link #maxLength()} keep working after close.
 */
public final class TextClassifier implements AutoCloseable {
  /** The output a classifier must declare. */
  public static final String LOGITS = "logits";

  private final OnnxTextModel model;
  private final ModelConfig config;
  private final ClassifierOptions options;

  private TextClassifier(OnnxTextModel model, ModelConfig config, ClassifierOptions options) {
    this.model = model;
    this.config = config;
    this.options = options;
  }

  /**
   * Loads a classifier folder with default options.
   *
   * @param folder the folder holding model.onnx, tokenizer.json and config.json
   * @return the classifier
   * @throws ModelLoadException naming the file that is missing, corrupt or inconsistent
   */
  public static TextClassifier load(Path folder) {
    return load(folder, ClassifierOptions.defaults());
  }

  /**
   * Loads a classifier folder.
   *
   * @param folder the folder holding model.onnx, tokenizer.json and config.json
   * @param options how to run it
   * @return the classifier
   * @throws ModelLoadException naming the file that is missing, corrupt or inconsistent
   */
  public static TextClassifier load(Path folder, ClassifierOptions options) {
    return load(ModelSource.folder(folder), options);
  }

  /**
   * Loads the classifier packaged at {@code META-INF/distill/<name>/} on the context class
   * loader's classpath, with default options.
   *
   * @param name the model's name, as given to {@code @Distill(name = ...)}
   * @return the classifier
   * @throws ModelLoadException if the model is not on the classpath or is broken
   */
  public static TextClassifier load(String name) {
    return load(name, ClassifierOptions.defaults());
  }

  /**
   * Loads the classifier packaged at {@code META-INF/distill/<name>/} on the context class
   * loader's classpath.
   *
   * @param name the model's name, as given to {@code @Distill(name = ...)}
   * @param options how to run it
   * @return the classifier
   * @throws ModelLoadException if the model is not on the classpath or is broken
   */
  public static TextClassifier load(String name, ClassifierOptions options) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return load(name, loader != null ? loader : TextClassifier.class.getClassLoader(), options);
  }

  /**
   * Loads the classifier packaged at {@code META-INF/distill/<name>/} on a given class loader
   * (for example a {@link java.net.URLClassLoader} over a jar).
   *
   * @param name the model's name
   * @param loader where to look
   * @param options how to run it
   * @return the classifier
   * @throws ModelLoadException if the model is not there or is broken
   */
  public static TextClassifier load(String name, ClassLoader loader, ClassifierOptions options) {
    Objects.requireNonNull(loader, "loader");
    return load(ModelSource.classpath(loader, name, ""), options);
  }

  /**
   * Loads the classifier of a descriptor type annotated with {@code @Distill}, from that type's
   * class loader, with default options.
   *
   * @param descriptor the annotated type
   * @return the classifier
   * @throws IllegalArgumentException if the type is not annotated with {@code @Distill}
   * @throws ModelLoadException if the model was not packaged (run {@code distill:compress})
   */
  public static TextClassifier load(Class<?> descriptor) {
    return load(descriptor, ClassifierOptions.defaults());
  }

  /**
   * Loads the classifier of a descriptor type annotated with {@code @Distill}, from that type's
   * class loader.
   *
   * @param descriptor the annotated type
   * @param options how to run it
   * @return the classifier
   * @throws IllegalArgumentException if the type is not annotated with {@code @Distill}
   * @throws ModelLoadException if the model was not packaged (run {@code distill:compress})
   */
  public static TextClassifier load(Class<?> descriptor, ClassifierOptions options) {
    Distill distill = descriptor.getAnnotation(Distill.class);
    if (distill == null) {
      throw new IllegalArgumentException(descriptor.getName() + " is not annotated with @"
          + Distill.class.getName() + "; annotate it with @Distill(name = \"...\") and run the"
          + " `distill:compress` goal in its build, or load a model folder by path");
    }
    ClassLoader loader = descriptor.getClassLoader() != null
        ? descriptor.getClassLoader() : ClassLoader.getSystemClassLoader();
    String hint = " (declared by @Distill(name = \"" + distill.name() + "\") on "
        + descriptor.getName() + ")";
    return load(ModelSource.classpath(loader, distill.name(), hint), options);
  }

  private static TextClassifier load(ModelSource source, ClassifierOptions options) {
    Objects.requireNonNull(options, "options");
    source.requireAll();
    String configText = new String(source.readAll(ModelSource.CONFIG), StandardCharsets.UTF_8);
    ModelConfig config = ModelConfig.parse(configText, source.describe(ModelSource.CONFIG));
    ModelBytes bytes = ModelBytes.from(source);
    if (options.verifyChecksum()) {
      config.modelSha256().ifPresent(expected -> bytes.verify(expected, config.location()));
    }
    TextEncoder encoder;
    try (var in = source.open(ModelSource.TOKENIZER)) {
      encoder = TextEncoder.load(in, source.describe(ModelSource.TOKENIZER),
          options.resolveMaxLength(config));
    } catch (java.io.IOException e) {
      throw new ModelLoadException("Cannot read " + source.describe(ModelSource.TOKENIZER), e);
    }
    OnnxTextModel model = OnnxTextModel.open(bytes, encoder, LOGITS, options.intraOpThreads());
    try {
      checkWidth(model, config);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    return new TextClassifier(model, config, options);
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
   * Classifies one text.
   *
   * @param text the text; empty is allowed, longer than maxLength tokens is truncated
   * @return the prediction
   * @throws NullPointerException if text is null
   * @throws IllegalStateException after {@link #close()}
   */
  public Prediction predict(String text) {
    Objects.requireNonNull(text, "text is null");
    return Prediction.fromLogits(model.forward(List.of(text))[0], config.labels());
  }

  /**
   * Classifies texts in batches of {@link ClassifierOptions#batchSize()}.
   *
   * @param texts the texts
   * @return one prediction per text, in order
   * @throws NullPointerException if a text is null
   * @throws IllegalStateException after {@link #close()}
   */
  public List<Prediction> predictBatch(List<String> texts) {
    float[][] logits = logits(texts);
    List<Prediction> predictions = new ArrayList<>(logits.length);
    for (float[] row : logits) {
      predictions.add(Prediction.fromLogits(row, config.labels()));
    }
    return predictions;
  }

  /**
   * Computes raw logits, in batches of {@link ClassifierOptions#batchSize()}. Texts of similar
   * length are batched together (each batch is padded to its longest text, so this wastes less
   * work); the result is in input order.
   *
   * <p>Note that a dynamically quantized (int8) model quantizes activations per tensor, so its
   * numbers for a text shift slightly with the other texts of its batch; a float model's do not
   * beyond rounding.
   *
   * @param texts the texts
   * @return {@code [texts.size()][labels().size()]}
   * @throws NullPointerException if a text is null
   * @throws IllegalStateException after {@link #close()}
   */
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

  /** @return the labels, in logit order (id2label) */
  public List<String> labels() {
    return config.labels();
  }

  /** @return the parsed config.json */
  public ModelConfig config() {
    return config;
  }

  /** @return the options in force */
  public ClassifierOptions options() {
    return options;
  }

  /** @return the maximum tokens per text in force */
  public int maxLength() {
    return model.encoder().maxLength();
  }

  /**
   * Frees the native session and tokenizer once the inferences in flight have finished; later
   * calls throw {@link IllegalStateException}. Idempotent and safe to call from any thread.
   */
  @Override
  public void close() {
    model.close();
  }
}
