package dev.distill.runtime;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A classifier folder, in HuggingFace's export layout, and the one place that knows it: the file
 * names, the keys of {@code config.json}, how to read it ({@link #readConfig()}, giving a
 * {@link ModelConfig}) and how to write it ({@link #configJson}). The engine writes students and
 * probe teachers with it, and the runtime reads every classifier with it.
 *
 * <pre>
 * model.onnx       the graph; its tensor names are dev.distill.contract.ClassifierGraph's
 * tokenizer.json   a HuggingFace tokenizer file
 * config.json      { "id2label": {"0": "neg", "1": "pos"},   required by the runtime
 *                    "label2id": {"neg": 0, "pos": 1},       written for HuggingFace readers
 *                    "max_length": 64,                       optional
 *                    "distill": { "model_sha256": "...", "student": "...", "metrics": {...},
 *                                 "settings": {...}, "provenance": {...} } }   a distill student's
 * </pre>
 *
 * <p>config.json is written pretty-printed with keys in that order, maps sorted by key and a final
 * newline, so that the same inputs always give the same bytes.
 */
public final class ModelFolder {
  /** The ONNX graph. */
  public static final String MODEL = "model.onnx";
  /** The HuggingFace tokenizer file. */
  public static final String TOKENIZER = "tokenizer.json";
  /** Labels, maximum length and what distill recorded. */
  public static final String CONFIG = "config.json";
  /** The three files, in the order a loader checks them. */
  public static final List<String> FILES = List.of(MODEL, TOKENIZER, CONFIG);
  /** Where a model sits inside a jar: {@code META-INF/distill/<name>/}. */
  /** The files of a tabular classifier folder: no tokenizer; its features are named in config.json. */
  public static final List<String> TABULAR_FILES = List.of(MODEL, CONFIG);
  /** HuggingFace's image processor settings of an image classifier (size, rescale, mean, std). */
  public static final String PREPROCESSOR_CONFIG = "preprocessor_config.json";
  /** The files of an image classifier folder: no tokenizer; its preprocessing in preprocessor_config.json. */
  public static final List<String> IMAGE_FILES = List.of(MODEL, CONFIG, PREPROCESSOR_CONFIG);
  /** The config.json key of a tabular model's feature columns, in the order its {@code features} input reads them. */
  public static final String FEATURE_NAMES = "feature_names";
  public static final String RESOURCE_ROOT = "META-INF/distill/";

  /** config.json: class index (a string) to label. */
  public static final String ID2LABEL = "id2label";
  /** config.json: label to class index. */
  public static final String LABEL2ID = "label2id";
  /** config.json: the maximum tokens per text, special tokens included. */
  public static final String MAX_LENGTH = "max_length";
  /** config.json: the section a distill student records itself in. */
  public static final String DISTILL = "distill";
  /** {@value #DISTILL} section: the sha256 (lower-case hex) of model.onnx. */
  public static final String MODEL_SHA256 = "model_sha256";
  /** {@value #DISTILL} section: which student was shipped. */
  public static final String STUDENT = "student";
  /** {@value #DISTILL} section: the student's and teacher's figures. */
  public static final String METRICS = "metrics";
  /** {@value #DISTILL} section: the settings the student was built with. */
  public static final String SETTINGS = "settings";
  /** {@value #DISTILL} section: where the inputs came from. */
  public static final String PROVENANCE = "provenance";

  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  private final Path path;

  private ModelFolder(Path path) {
    this.path = path;
  }

  /**
   * @param name a model's name, as given to {@code @Distill(name = ...)}
   * @return the folder of that model inside a jar or class output, {@code META-INF/distill/<name>/}
   */
  public static String resourceFolder(String name) {
    return RESOURCE_ROOT + name + "/";
  }

  /**
   * @param folder the folder (it need not exist yet)
   * @return the classifier folder there
   */
  public static ModelFolder at(Path folder) {
    return new ModelFolder(Objects.requireNonNull(folder, "folder"));
  }

  /** @return the folder */
  public Path path() {
    return path;
  }

  /** @return its {@value #MODEL} */
  public Path model() {
    return path.resolve(MODEL);
  }

  /** @return its {@value #TOKENIZER} */
  public Path tokenizer() {
    return path.resolve(TOKENIZER);
  }

  /** @return its {@value #CONFIG} */
  public Path config() {
    return path.resolve(CONFIG);
  }

  /** @return whether all three files are there as regular files */
  public boolean hasAllFiles() {
    return FILES.stream().allMatch(file -> Files.isRegularFile(path.resolve(file)));
  }

  /**
   * Reads {@value #CONFIG}.
   *
   * @return the parsed config
   * @throws ModelLoadException if it is missing, not JSON, or lacks a valid id2label
   */
  public ModelConfig readConfig() {
    return ModelConfig.read(config());
  }

  /**
   * Writes {@value #CONFIG} (UTF-8), creating nothing else.
   *
   * @param json the text from {@link #configJson}
   * @throws IOException if it cannot be written
   */
  public void writeConfig(String json) throws IOException {
    Files.writeString(config(), json, StandardCharsets.UTF_8);
  }

  /**
   * The model file that a setting naming "a classifier folder or an ONNX file" means.
   *
   * @param modelOrFolder a folder, or an ONNX file
   * @return {@value #MODEL} in the folder, else the file itself
   */
  public static Path modelFileOf(Path modelOrFolder) {
    return Files.isDirectory(modelOrFolder) ? modelOrFolder.resolve(MODEL) : modelOrFolder;
  }

  /**
   * The tokenizer that belongs to a model file when none is named: {@value #TOKENIZER} in the
   * model's folder (an ONNX file need not be called model.onnx).
   *
   * @param modelFile the model file
   * @return the tokenizer.json beside it
   */
  public static Path tokenizerBeside(Path modelFile) {
    return modelFile.resolveSibling(TOKENIZER);
  }

  /**
   * @param modelFile the model file
   * @return the {@value #CONFIG} beside it (it may not exist)
   */
  public static Path configBeside(Path modelFile) {
    return modelFile.resolveSibling(CONFIG);
  }

  /**
   * The text of a {@value #CONFIG}: {@value #ID2LABEL}, {@value #LABEL2ID}, {@value #MAX_LENGTH},
   * then one section of the writer's own ({@value #DISTILL} for a student, see
   * {@link #distillSection}).
   *
   * @param labels the labels in logit order
   * @param maxLength the maximum tokens per text
   * @param sectionName the section's key
   * @param section the section (its keys are written in its order)
   * @return pretty-printed JSON ending in a newline
   */
  public static String configJson(List<String> labels, int maxLength, String sectionName,
      JsonObject section) {
    JsonObject config = labelMaps(labels);
    config.addProperty(MAX_LENGTH, maxLength);
    config.add(sectionName, section);
    return GSON.toJson(config) + "\n";
  }

  /** A config object holding {@value #ID2LABEL} and {@value #LABEL2ID}, the start of every config.json. */
  private static JsonObject labelMaps(List<String> labels) {
    JsonObject id2label = new JsonObject();
    JsonObject label2id = new JsonObject();
    for (int i = 0; i < labels.size(); i++) {
      id2label.addProperty(Integer.toString(i), labels.get(i));
      label2id.addProperty(labels.get(i), i);
    }
    JsonObject config = new JsonObject();
    config.add(ID2LABEL, id2label);
    config.add(LABEL2ID, label2id);
    return config;
  }

  /**
   * The text of a tabular classifier's {@value #CONFIG}: {@value #ID2LABEL}, {@value #LABEL2ID},
   * {@value #FEATURE_NAMES}, then the writer's own section, laid out as {@link #configJson}'s.
   *
   * @param labels the labels in logit order
   * @param featureNames the feature columns in the order of the model's {@code features} input
   * @param sectionName the section's key
   * @param section the section
   * @return pretty-printed JSON ending in a newline
   */
  public static String tabularConfigJson(List<String> labels, List<String> featureNames, String sectionName,
      JsonObject section) {
    JsonObject config = labelMaps(labels);
    config.add(FEATURE_NAMES, GSON.toJsonTree(featureNames));
    config.add(sectionName, section);
    return GSON.toJson(config) + "\n";
  }

  /**
   * The text of an image classifier's {@value #CONFIG}: {@value #ID2LABEL}, {@value #LABEL2ID},
   * {@code num_channels} and {@code image_size} (HuggingFace's keys), then the writer's own section.
   *
   * @param labels the labels in logit order
   * @param channels the image's channels
   * @param imageSize the image's side (its height; distill's image students read the size of
   *     preprocessor_config.json)
   * @return pretty-printed JSON ending in a newline
   */
  public static String imageConfigJson(List<String> labels, int channels, int imageSize, String sectionName,
      JsonObject section) {
    JsonObject config = labelMaps(labels);
    config.addProperty("num_channels", channels);
    config.addProperty("image_size", imageSize);
    config.add(sectionName, section);
    return GSON.toJson(config) + "\n";
  }

  /**
   * A student's {@value #DISTILL} section. It holds no timestamps, paths or timings unless the
   * provenance does, so two builds of the same inputs record the same section.
   *
   * @param modelSha256 the sha256 of model.onnx
   * @param student which student was shipped
   * @param metrics the figures, in the order they are to be written
   * @param settings the settings, written sorted by key
   * @param provenance where the inputs came from, written sorted by key
   * @return the section
   */
  public static JsonObject distillSection(String modelSha256, String student, JsonObject metrics,
      Map<String, ?> settings, Map<String, ?> provenance) {
    JsonObject distill = new JsonObject();
    distill.addProperty(MODEL_SHA256, modelSha256);
    distill.addProperty(STUDENT, student);
    distill.add(METRICS, metrics);
    distill.add(SETTINGS, GSON.toJsonTree(new TreeMap<>(settings)));
    distill.add(PROVENANCE, GSON.toJsonTree(new TreeMap<>(provenance)));
    return distill;
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
