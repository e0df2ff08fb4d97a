package dev.distill.runtime;

import dev.distill.annotations.Distill;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A text classifier: texts in, one {@link Prediction} (or one row of logits) per text out, over a
 * fixed list of {@link #labels()}.
 *
 * <p>The {@code load} methods serve a classifier folder (or {@code META-INF/distill/<name>/} on
 * the classpath, see {@link ModelFolder}) with ONNX Runtime:
 *
 * <pre>{@code
 * try (TextClassifier classifier = TextClassifier.load(Path.of("target/distill/sentiment"))) {
 *   Prediction p = classifier.predict("a gripping, funny film");
 *   System.out.println(p.label() + " " + p.score());
 * }
 * }</pre>
 *
 * <p>Code that classifies can hold this interface and be tested with a fake of its own: a fake
 * implements {@link #labels()}, {@link #logits}, {@link #config()}, {@link #options()},
 * {@link #maxLength()} and {@link #close()}; {@link #predict} and {@link #predictBatch} follow
 * from the logits.
 *
 * <p>Texts: an empty text is allowed (it is classified from the special tokens alone); a null text
 * throws {@link NullPointerException}; text beyond {@code maxLength} tokens is truncated.
 *
 * <p>Thread safety of a loaded classifier: one instance is meant to be shared by all threads;
 * {@link #predict}, {@link #predictBatch} and {@link #logits} may run concurrently and give the
 * same answers as the same calls made one after another. (An int8 model's scores for a text depend
 * slightly on the other texts of its batch, so compare like with like: the same batches.)
 *
 * <p>Close semantics of a loaded classifier: {@link #close()} is idempotent and may be called from
 * any thread, also while others predict. It waits for the inferences in flight, then frees the
 * native ONNX Runtime session and tokenizer, so no call ever touches freed native memory. A call
 * that has not started an inference by then, or one after {@code close()}, throws
 * {@link IllegalStateException} whose message names the model ("The model .../model.onnx is
 * closed; load it again to use it"); a batch call split into several inferences may thus fail part
 * way. {@link #labels()}, {@link #config()}, {@link #options()} and {@link #maxLength()} keep
 * working after close.
 */
public interface TextClassifier extends AutoCloseable {
  /**
   * Loads a classifier folder with default options.
   *
   * @param folder the folder holding model.onnx, tokenizer.json and config.json
   * @return the classifier
   * @throws ModelLoadException naming the file that is missing, corrupt or inconsistent
   */
  static TextClassifier load(Path folder) {
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
  static TextClassifier load(Path folder, ClassifierOptions options) {
    return OnnxTextClassifier.load(ModelSource.folder(folder), options);
  }

  /**
   * Loads the classifier packaged at {@code META-INF/distill/<name>/} on the context class
   * loader's classpath, with default options.
   *
   * @param name the model's name, as given to {@code @Distill(name = ...)}
   * @return the classifier
   * @throws ModelLoadException if the model is not on the classpath or is broken
   */
  static TextClassifier load(String name) {
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
  static TextClassifier load(String name, ClassifierOptions options) {
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
  static TextClassifier load(String name, ClassLoader loader, ClassifierOptions options) {
    Objects.requireNonNull(loader, "loader");
    return OnnxTextClassifier.load(ModelSource.classpath(loader, name, ""), options);
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
  static TextClassifier load(Class<?> descriptor) {
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
  static TextClassifier load(Class<?> descriptor, ClassifierOptions options) {
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
    return OnnxTextClassifier.load(ModelSource.classpath(loader, distill.name(), hint), options);
  }


  /**
   * Classifies one text.
   *
   * @param text the text; empty is allowed, longer than maxLength tokens is truncated
   * @return the prediction
   * @throws NullPointerException if text is null
   * @throws IllegalStateException after {@link #close()}
   */
  default Prediction predict(String text) {
    Objects.requireNonNull(text, "text is null");
    return Prediction.fromLogits(logits(List.of(text))[0], labels());
  }

  /**
   * Classifies texts in batches of {@link ClassifierOptions#batchSize()}.
   *
   * @param texts the texts
   * @return one prediction per text, in order
   * @throws NullPointerException if a text is null
   * @throws IllegalStateException after {@link #close()}
   */
  default List<Prediction> predictBatch(List<String> texts) {
    float[][] logits = logits(texts);
    List<Prediction> predictions = new ArrayList<>(logits.length);
    for (float[] row : logits) {
      predictions.add(Prediction.fromLogits(row, labels()));
    }
    return predictions;
  }

  /**
   * Computes raw logits, in batches of {@link ClassifierOptions#batchSize()}; the result is in
   * input order.
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
  float[][] logits(List<String> texts);

  /**
   * Tokenizes texts for {@link #logitsEncoded}, the first half of {@link #logits(List)}. Splitting
   * the two lets a caller tokenize on its own threads while another thread runs the model: the
   * server's HTTP handlers tokenize their request while its batcher runs the previous batch
   * (for the example's BiLSTM student, tokenizing is about 90 us of a text's 300 us in process).
   * Thread-safe.
   *
   * @param texts the texts
   * @return them tokenized, or empty for a classifier that does not tokenize (a test's fake), whose
   *     callers use {@link #logits(List)} instead
   * @throws NullPointerException if a text is null
   */
  default Optional<EncodedBatch> encode(List<String> texts) {
    return Optional.empty();
  }

  /**
   * Computes the logits of batches made by {@link #encode}, joined into one model call, the second
   * half of {@link #logits(List)}.
   *
   * @param parts tokenized batches, from this classifier's {@link #encode}
   * @return {@code [sum of the parts' sizes][labels().size()]}, in order
   * @throws UnsupportedOperationException when {@link #encode} is empty for this classifier
   * @throws IllegalStateException after {@link #close()}
   */
  default float[][] logitsEncoded(List<EncodedBatch> parts) {
    throw new UnsupportedOperationException(getClass().getName() + " does not read tokenized batches"
        + " (its encode(texts) is empty); call logits(texts)");
  }

  /** @return the labels, in logit order (id2label) */
  List<String> labels();

  /** @return the parsed config.json */
  ModelConfig config();

  /** @return the options in force */
  ClassifierOptions options();

  /** @return the maximum tokens per text in force */
  int maxLength();

  /**
   * Frees what the classifier holds (a loaded one: its native session and tokenizer, once the
   * inferences in flight have finished); later calls throw {@link IllegalStateException}.
   * Idempotent and safe to call from any thread.
   */
  @Override
  void close();
}
