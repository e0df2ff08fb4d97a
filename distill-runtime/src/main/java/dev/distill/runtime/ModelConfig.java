package dev.distill.runtime;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The parsed {@code config.json} of a classifier folder (HuggingFace conventions), as
 * {@link ModelFolder} reads it and defines its keys:
 *
 * <pre>
 * { "id2label": {"0": "neg", "1": "pos"},        required, ids 0..n-1 without gaps
 *   "max_length": 64,                            optional
 *   "distill": { "model_sha256": "...", ... } }  optional: metrics, provenance, checksum
 * </pre>
 *
 * Other keys are kept and available through {@link #json()}. Immutable.
 */
public final class ModelConfig {
  private final String location;
  private final JsonObject json;
  private final List<String> labels;
  private final OptionalInt maxLength;
  private final Optional<String> modelSha256;

  private ModelConfig(String location, JsonObject json) {
    this.location = location;
    this.json = json;
    this.labels = parseLabels(location, json);
    this.maxLength = parseMaxLength(location, json);
    this.modelSha256 = parseSha256(location, distill());
  }

  /**
   * Reads a config.json file.
   *
   * @param file the file
   * @return the config
   * @throws ModelLoadException if the file is missing, is not JSON, or lacks a valid id2label
   */
  public static ModelConfig read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ModelLoadException("Missing config.json: " + file + " does not exist");
    } catch (IOException e) {
      throw new ModelLoadException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  /**
   * Parses config.json text.
   *
   * @param text the JSON text
   * @param location where it came from, for messages
   * @return the config
   * @throws ModelLoadException if the text is not a JSON object or lacks a valid id2label
   */
  public static ModelConfig parse(String text, String location) {
    JsonElement root;
    try {
      root = JsonParser.parseString(stripBom(text));
    } catch (JsonParseException e) {
      throw new ModelLoadException(location + " is not valid JSON: " + e.getMessage(), e);
    }
    if (!root.isJsonObject()) {
      throw new ModelLoadException(location + " must hold a JSON object, found: " + abbreviate(root));
    }
    return new ModelConfig(location, root.getAsJsonObject());
  }

  /** @return the labels, index i being id2label's entry for "i" */
  public List<String> labels() {
    return labels;
  }

  /**
   * The class name to logit index, as {@code label2id} gives it, checked against {@code id2label}; from
   * {@code id2label} alone when the file has no {@code label2id}. Data are labelled through it, never by sorting
   * class names.
   *
   * @throws ModelLoadException naming the label whose index the two maps disagree on
   */
  public Map<String, Integer> label2id() {
    Map<String, Integer> byName = new java.util.LinkedHashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      byName.put(labels.get(i), i);
    }
    JsonElement element = json.get(ModelFolder.LABEL2ID);
    if (element != null && element.isJsonObject()) {
      for (Map.Entry<String, JsonElement> entry : element.getAsJsonObject().entrySet()) {
        Integer fromId2label = byName.get(entry.getKey());
        if (fromId2label == null || fromId2label != entry.getValue().getAsInt()) {
          throw new ModelLoadException(location + ": label2id gives '" + entry.getKey() + "' the index "
              + entry.getValue() + " but id2label " + (fromId2label == null ? "has no such label"
                  : "gives it " + fromId2label) + "; make the two maps agree");
        }
      }
    }
    return java.util.Collections.unmodifiableMap(byName);
  }

  /**
   * @return {@code feature_names}, the columns a tabular model's {@code features} input reads in
   *     order, if given
   * @throws ModelLoadException if it is not an array of distinct, non-empty strings
   */
  public Optional<List<String>> featureNames() {
    JsonElement element = json.get(ModelFolder.FEATURE_NAMES);
    if (element == null || element.isJsonNull()) {
      return Optional.empty();
    }
    String problem = location + ": " + ModelFolder.FEATURE_NAMES + " must be an array of distinct,"
        + " non-empty column names in the order of the model's features input, found: ";
    if (!element.isJsonArray() || element.getAsJsonArray().isEmpty()) {
      throw new ModelLoadException(problem + abbreviate(element));
    }
    List<String> names = new java.util.ArrayList<>();
    for (JsonElement name : element.getAsJsonArray()) {
      if (!name.isJsonPrimitive() || name.getAsString().isEmpty() || names.contains(name.getAsString())) {
        throw new ModelLoadException(problem + abbreviate(name));
      }
      names.add(name.getAsString());
    }
    return Optional.of(List.copyOf(names));
  }

  /** @return {@code max_length}, if given */
  public OptionalInt maxLength() {
    return maxLength;
  }

  /** @return a copy of the {@code distill} section, if present */
  public Optional<JsonObject> distill() {
    JsonElement section = json.get(ModelFolder.DISTILL);
    if (section == null || section.isJsonNull()) {
      return Optional.empty();
    }
    if (!section.isJsonObject()) {
      throw new ModelLoadException(location + ": \"distill\" must be a JSON object, found: "
          + abbreviate(section));
    }
    return Optional.of(section.getAsJsonObject().deepCopy());
  }

  /** @return {@code distill.model_sha256} (lower-case hex), if present */
  public Optional<String> modelSha256() {
    return modelSha256;
  }

  /** @return a copy of the whole JSON object */
  public JsonObject json() {
    return json.deepCopy();
  }

  /** @return where this config was read from */
  public String location() {
    return location;
  }

  private static List<String> parseLabels(String location, JsonObject json) {
    JsonElement element = json.get(ModelFolder.ID2LABEL);
    if (element == null || !element.isJsonObject() || element.getAsJsonObject().size() == 0) {
      throw new ModelLoadException(location + " has no id2label: add the labels by class index,"
          + " e.g. \"id2label\": {\"0\": \"negative\", \"1\": \"positive\"}");
    }
    JsonObject id2label = element.getAsJsonObject();
    String[] labels = new String[id2label.size()];
    for (Map.Entry<String, JsonElement> entry : id2label.entrySet()) {
      int id;
      try {
        id = Integer.parseInt(entry.getKey().trim());
      } catch (NumberFormatException e) {
        throw new ModelLoadException(location + ": id2label key \"" + entry.getKey()
            + "\" is not a class index (0.." + (labels.length - 1) + ")");
      }
      if (id < 0 || id >= labels.length) {
        throw new ModelLoadException(location + ": id2label has a gap: ids must be 0.."
            + (labels.length - 1) + " without gaps, found id " + id);
      }
      if (!entry.getValue().isJsonPrimitive()) {
        throw new ModelLoadException(location + ": id2label[\"" + entry.getKey()
            + "\"] must be a string, found: " + abbreviate(entry.getValue()));
      }
      labels[id] = entry.getValue().getAsString();
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == null) {
        throw new ModelLoadException(location + ": id2label has a gap: no entry for id " + i);
      }
    }
    if (new HashSet<>(Arrays.asList(labels)).size() != labels.length) {
      throw new ModelLoadException(
          location + ": id2label has duplicate labels: " + Arrays.toString(labels));
    }
    return List.of(labels);
  }

  private static Optional<String> parseSha256(String location, Optional<JsonObject> distill) {
    JsonElement element = distill.map(d -> d.get(ModelFolder.MODEL_SHA256)).orElse(null);
    if (element == null || element.isJsonNull()) {
      return Optional.empty();
    }
    String hex = element.isJsonPrimitive()
        ? element.getAsString().trim().toLowerCase(Locale.ROOT) : "";
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new ModelLoadException(location + ": distill.model_sha256 must be 64 hex digits"
          + " (the sha256 of model.onnx), found: " + abbreviate(element));
    }
    return Optional.of(hex);
  }

  private static OptionalInt parseMaxLength(String location, JsonObject json) {
    JsonElement element = json.get(ModelFolder.MAX_LENGTH);
    if (element == null || element.isJsonNull()) {
      return OptionalInt.empty();
    }
    try {
      int value = element.getAsInt();
      if (value >= 2) {
        return OptionalInt.of(value);
      }
    } catch (RuntimeException e) {
      // reported below with the value
    }
    throw new ModelLoadException(location + ": max_length must be an integer of at least 2, found: "
        + abbreviate(element));
  }

  static String stripBom(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static String abbreviate(JsonElement element) {
    String text = String.valueOf(element);
    return text.length() > 80 ? text.substring(0, 77) + "..." : text;
  }
}
