package dev.distill.runtime.testing;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.distill.onnx.EncoderGraphs;
import dev.distill.onnx.OnnxModels;
import dev.distill.runtime.ModelFolder;
import dev.distill.runtime.OnnxTextModel;
import dev.distill.runtime.data.TextFileReader;
import dev.distill.runtime.data.TextRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real classifier folder built from the all-MiniLM-L6-v2 (int8) encoder of the langchain4j jar:
 * mean pooling plus a nearest-centroid linear head fitted in closed form on the first
 * {@value #TRAIN_ROWS} rows of testdata/sst2/train.tsv (w_c = mean embedding of class c,
 * b_c = -|w_c|^2/2). Built once per build under target/test-fixtures and shared by every test
 * class and JVM of the module.
 */
public final class ClassifierFixture {
  /** Training rows used for the centroids. */
  public static final int TRAIN_ROWS = 1000;
  /** The max_length written to config.json. */
  public static final int MAX_LENGTH = 64;

  private static final String ENCODER = "all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

  private ClassifierFixture() {}

  /** @return the classifier folder (model.onnx, tokenizer.json, config.json) */
  public static Path classifier() {
    return Holder.FOLDER;
  }

  /** @return the encoder's tokenizer.json, copied from the test classpath */
  public static Path tokenizer() {
    return TestPaths.copyResource(TOKENIZER, TestPaths.targetDir("encoder").resolve("tokenizer.json"));
  }

  /** @return the bare encoder model (output last_hidden_state), copied from the test classpath */
  public static Path encoder() {
    return TestPaths.copyResource(ENCODER, TestPaths.targetDir("encoder").resolve(ENCODER));
  }

  private static final class Holder {
    static final Path FOLDER = build();
  }

  private static synchronized Path build() {
    Path folder = TestPaths.targetDir("classifiers").resolve("minilm-sst2-centroid");
    if (Files.isRegularFile(folder.resolve("config.json"))) {
      return folder; // made by an earlier test JVM of this build; it was moved into place whole
    }
    ModelProto encoder = OnnxModels.read(encoder());
    Path pooled = TestPaths.targetDir("encoder").resolve("pooled.onnx");
    OnnxModels.write(EncoderGraphs.withMeanPooling(encoder), pooled);
    float[][] centroids = centroids(pooled, EncoderGraphs.SENTENCE_EMBEDDING);
    return publish(folder, EncoderGraphs.withLinearHead(encoder, centroids, centroidBias(centroids)),
        "all-MiniLM-L6-v2 int8 (langchain4j jar), mean pooling");
  }

  /** b_c = -|w_c|^2/2, so that the arg-max of w.x + b is the nearest centroid. */
  static float[] centroidBias(float[][] centroids) {
    float[] bias = new float[centroids.length];
    for (int c = 0; c < centroids.length; c++) {
      double norm = 0;
      for (float w : centroids[c]) {
        norm += (double) w * w;
      }
      bias[c] = (float) (-norm / 2);
    }
    return bias;
  }

  /**
   * Writes a classifier folder (the model, the encoder's tokenizer, a config.json naming the
   * centroid head) next to {@code folder} and moves it into place whole.
   */
  static Path publish(Path folder, ModelProto model, String encoderNote) {
    try {
      Path temp = Files.createTempDirectory(folder.getParent(), "building-");
      OnnxModels.write(model, temp.resolve("model.onnx"));
      Files.copy(tokenizer(), temp.resolve("tokenizer.json"));
      Files.writeString(temp.resolve("config.json"),
          config(sha256(temp.resolve("model.onnx")), encoderNote), StandardCharsets.UTF_8);
      try {
        Files.move(temp, folder, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
        deleteTree(temp); // another JVM finished first; its folder is as good as ours
      }
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The mean output of {@code pooled} (texts in, one vector per text out) per class over the first
   * {@value #TRAIN_ROWS} rows of testdata/sst2/train.tsv.
   */
  static float[][] centroids(Path pooled, String output) {
    List<TextRow> rows = new TextFileReader("sentence", "label")
        .read(TestPaths.testdata().resolve("sst2/train.tsv"))
        .subList(0, TRAIN_ROWS);
    int[] counts = new int[2];
    float[][] sums = null;
    try (OnnxTextModel model = OnnxTextModel.load(pooled, tokenizer(), output, MAX_LENGTH, 1)) {
      for (int start = 0; start < rows.size(); start += 32) {
        List<TextRow> chunk = rows.subList(start, Math.min(rows.size(), start + 32));
        List<String> texts = new ArrayList<>();
        chunk.forEach(row -> texts.add(row.text()));
        float[][] embeddings = model.forward(texts);
        if (sums == null) {
          sums = new float[2][embeddings[0].length];
        }
        for (int i = 0; i < embeddings.length; i++) {
          int label = Integer.parseInt(chunk.get(i).label());
          counts[label]++;
          for (int d = 0; d < embeddings[i].length; d++) {
            sums[label][d] += embeddings[i][d];
          }
        }
      }
    }
    for (int c = 0; c < 2; c++) {
      for (int d = 0; d < sums[c].length; d++) {
        sums[c][d] /= counts[c];
      }
    }
    return sums;
  }

  private static String config(String sha256, String encoderNote) {
    JsonObject id2label = new JsonObject();
    id2label.addProperty("0", "0");
    id2label.addProperty("1", "1");
    JsonObject distill = new JsonObject();
    distill.addProperty("model_sha256", sha256);
    JsonObject provenance = new JsonObject();
    provenance.addProperty("encoder", encoderNote);
    provenance.addProperty("head", "nearest centroid on the first " + TRAIN_ROWS
        + " rows of testdata/sst2/train.tsv");
    distill.add("provenance", provenance);
    JsonObject config = new JsonObject();
    config.add("id2label", id2label);
    config.addProperty("max_length", MAX_LENGTH);
    config.add("distill", distill);
    return new GsonBuilder().setPrettyPrinting().create().toJson(config);
  }

  /** @return the lower-case hex sha256 of a file */
  public static String sha256(Path file) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Copies the fixture's three files into a fresh folder that a test may damage. */
  public static Path copyTo(Path target) {
    try {
      Files.createDirectories(target);
      for (String file : ModelFolder.FILES) {
        Files.copy(classifier().resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
