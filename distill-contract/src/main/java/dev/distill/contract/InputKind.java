package dev.distill.contract;

import static dev.distill.contract.ClassifierGraph.ATTENTION_MASK;
import static dev.distill.contract.ClassifierGraph.FEATURES;
import static dev.distill.contract.ClassifierGraph.INPUT_IDS;
import static dev.distill.contract.ClassifierGraph.PIXEL_VALUES;
import static dev.distill.contract.ClassifierGraph.TOKEN_TYPE_IDS;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a classifier reads, as the input tensors of its ONNX graph: the one place where the graph
 * builders ({@code distill-onnx}), the engine's export checks and the runtime that feeds a graph
 * learn the input names, element types and dimensions.
 *
 * <p>{@link #TEXT} (token ids), {@link #TABULAR} (a row of numbers) and {@link #IMAGE} (preprocessed pixels)
 * are distill's kinds (docs/design.md, "Inputs").
 */
public final class InputKind {

  /** The first dimension of every input: the examples of a batch. */
  public static final String BATCH = "batch";
  /** The second dimension of a text input: the tokens of the longest text of the batch. */
  public static final String SEQUENCE = "sequence";

  /**
   * Tokenized text, padded to the longest text of the batch: {@code input_ids} (required),
   * {@code attention_mask} (distill's students read both) and {@code token_type_ids} (fed to a graph,
   * such as a BERT teacher, that declares it), all int64 {@code [batch, sequence]}.
   */
  public static final InputKind TEXT = new InputKind("text",
      List.of(text(INPUT_IDS), text(ATTENTION_MASK)), List.of(text(TOKEN_TYPE_IDS)), List.of(INPUT_IDS));

  /** The second dimension of a tabular input: the numeric features of one example. */
  public static final String FEATURE = "feature";

  /**
   * Numeric features: {@code features} float {@code [batch, feature]} (required), one row of raw values per
   * example. A tree-ensemble teacher and distill's MLP student both read it.
   */
  public static final InputKind TABULAR = new InputKind("tabular",
      List.of(new InputTensor(FEATURES, ElementType.FLOAT, List.of(BATCH, FEATURE))), List.of(), List.of(FEATURES));

  /** The dimensions of an image input after {@link #BATCH}. */
  public static final String CHANNELS = "channels";
  /** The rows of pixels of an image input. */
  public static final String HEIGHT = "height";
  /** The pixels per row of an image input. */
  public static final String WIDTH = "width";

  /**
   * Images: {@code pixel_values} float {@code [batch, channels, height, width]} (required), preprocessed as the
   * model's {@code preprocessor_config.json} says. An image teacher (HuggingFace layout) and distill's
   * {@code IMAGE_CNN} student both read it.
   */
  public static final InputKind IMAGE = new InputKind("image",
      List.of(new InputTensor(PIXEL_VALUES, ElementType.FLOAT, List.of(BATCH, CHANNELS, HEIGHT, WIDTH))), List.of(),
      List.of(PIXEL_VALUES));

  private final String name;
  private final List<InputTensor> studentTensors;
  private final List<InputTensor> tensors;
  private final List<String> required;

  /**
   * A kind of input; {@link #TEXT}, {@link #TABULAR} and {@link #IMAGE} are distill's.
   *
   * @param name the kind's name, for messages
   * @param studentTensors the inputs distill's student graphs of this kind declare, in order
   * @param otherTensors further inputs other graphs of this kind (teachers) may declare
   * @param required the names of the inputs every graph of this kind declares
   */
  public InputKind(String name, List<InputTensor> studentTensors, List<InputTensor> otherTensors,
      List<String> required) {
    this.name = Objects.requireNonNull(name, "name");
    this.studentTensors = List.copyOf(studentTensors);
    List<InputTensor> all = new ArrayList<>(studentTensors);
    all.addAll(otherTensors);
    this.tensors = List.copyOf(all);
    this.required = List.copyOf(required);
    for (String input : this.required) {
      if (tensor(input).isEmpty()) {
        throw new IllegalArgumentException("the required input '" + input + "' is not among the " + name
            + " inputs " + tensors);
      }
    }
  }

  private static InputTensor text(String name) {
    return new InputTensor(name, ElementType.INT64, List.of(BATCH, SEQUENCE));
  }

  /** @return the kind's name, e.g. {@code text}, for messages */
  public String name() {
    return name;
  }

  /** @return every input a graph of this kind may declare; a runtime feeds those a graph declares */
  public List<InputTensor> tensors() {
    return tensors;
  }

  /** @return the inputs distill's own student graphs declare, in their order (a prefix of {@link #tensors()}) */
  public List<InputTensor> studentTensors() {
    return studentTensors;
  }

  /** @return the names of the inputs every graph of this kind must declare */
  public List<String> required() {
    return required;
  }

  /** @return the names of {@link #tensors()}, in order */
  public List<String> names() {
    return tensors.stream().map(InputTensor::name).toList();
  }

  /**
   * @param name a graph input's name
   * @return the tensor of this kind with that name, if it has one
   */
  public Optional<InputTensor> tensor(String name) {
    return tensors.stream().filter(tensor -> tensor.name().equals(name)).findFirst();
  }

  /**
   * What keeps a reader of this kind from feeding a graph that declares {@code declared}: an input
   * outside {@link #tensors()}, or a {@link #required()} one missing.
   *
   * @param declared the graph's input names
   * @return the problem, worded to follow the graph's location ("declares ..."), or empty if there is none
   */
  public Optional<String> problemWith(Collection<String> declared) {
    for (String input : declared) {
      if (tensor(input).isEmpty()) {
        return Optional.of("declares the input '" + input + "', which distill cannot feed: the inputs of a "
            + name + " graph are " + tensors + ". Inputs declared: " + declared
            + ". Export the model with those inputs only.");
      }
    }
    for (String input : required) {
      if (!declared.contains(input)) {
        return Optional.of("declares no '" + input + "' input, which every " + name + " graph needs (inputs: "
            + declared + "); export the model with it.");
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return name + " " + tensors;
  }
}
