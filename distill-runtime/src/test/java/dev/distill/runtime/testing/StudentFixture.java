package dev.distill.runtime.testing;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.distill.annotations.Architecture;
import dev.distill.contract.ClassifierGraph;
import dev.distill.onnx.OnnxModels;
import dev.distill.onnx.OnnxTensors;
import dev.distill.onnx.quantize.DynamicInt8Quantizer;
import dev.distill.onnx.student.StudentGraphs;
import dev.distill.onnx.student.StudentSizes;
import dev.distill.onnx.student.StudentWeights;
import dev.distill.onnx.student.Tensor;
import dev.distill.onnx.student.bag.BagOfEmbeddingsGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real int8 student classifier folder, cheap enough for tests that make 100,000s of predictions:
 * distill's bag-of-embeddings student graph ({@link StudentGraphs}, quantized by
 * {@link DynamicInt8Quantizer} as a shipped student is), with all-MiniLM-L6-v2's word embedding
 * table (langchain4j jar) and a nearest-centroid head fitted like {@link ClassifierFixture}'s.
 *
 * <p>The student's hidden layer is {@code [I; -I]} and its output {@code [W, -W]}, so that
 * {@code out(relu(fc1(h))) = W h + b} exactly: the head is linear in the mean embedding. A single
 * text costs about a tenth of what the MiniLM classifier's does (seen on 2 loaded cores: 0.3 ms
 * against 3 ms), with the same tokenizer. Its accuracy is close to chance (raw word embeddings
 * averaged): it is made for load tests, where answers are compared, not graded.
 */
public final class StudentFixture {
  private static final String WORD_EMBEDDINGS = "embeddings.word_embeddings.weight";

  private StudentFixture() {}

  /** @return the student classifier folder (model.onnx, tokenizer.json, config.json) */
  public static Path classifier() {
    return Holder.FOLDER;
  }

  private static final class Holder {
    static final Path FOLDER = build();
  }

  private static synchronized Path build() {
    Path folder = TestPaths.targetDir("classifiers").resolve("minilm-embeddings-bag-sst2-centroid");
    if (Files.isRegularFile(folder.resolve("config.json"))) {
      return folder;
    }
    Tensor embedding = wordEmbeddings(OnnxModels.read(ClassifierFixture.encoder()));
    int dimensions = (int) embedding.dim(1);
    // Pass-through weights make the student's "logits" its mean embedding: the centroids' input.
    Path pooled = TestPaths.targetDir("encoder").resolve("embeddings-bag-pooled.onnx");
    OnnxModels.write(student(embedding, identity(dimensions), new float[dimensions]), pooled);
    float[][] centroids = ClassifierFixture.centroids(pooled, ClassifierGraph.LOGITS);
    ModelProto fp32 = student(embedding, centroids, ClassifierFixture.centroidBias(centroids));
    return ClassifierFixture.publish(folder, new DynamicInt8Quantizer().quantize(fp32).model(),
        "distill bag-of-embeddings student (int8) on all-MiniLM-L6-v2's word embeddings");
  }

  /** A bag-of-embeddings student computing {@code head . mean(embedding) + bias}. */
  private static ModelProto student(Tensor embedding, float[][] head, float[] bias) {
    int d = (int) embedding.dim(1);
    int classes = head.length;
    float[] fc1 = new float[2 * d * d];
    for (int i = 0; i < d; i++) {
      fc1[i * d + i] = 1;
      fc1[(d + i) * d + i] = -1;
    }
    float[] out = new float[classes * 2 * d];
    for (int c = 0; c < classes; c++) {
      for (int i = 0; i < d; i++) {
        out[c * 2 * d + i] = head[c][i];
        out[c * 2 * d + d + i] = -head[c][i];
      }
    }
    BagOfEmbeddingsGraph shape = new BagOfEmbeddingsGraph(
        new StudentSizes((int) embedding.dim(0), d, classes), 2 * d);
    StudentWeights weights = StudentWeights.of(List.of(embedding,
        Tensor.of("fc1.w", fc1, 2L * d, d), Tensor.of("fc1.b", new float[2 * d], 2L * d),
        Tensor.of("out.w", out, classes, 2L * d), Tensor.of("out.b", bias, classes)));
    return StudentGraphs.fp32(shape, weights, Map.of());
  }

  private static float[][] identity(int size) {
    float[][] identity = new float[size][size];
    for (int i = 0; i < size; i++) {
      identity[i][i] = 1;
    }
    return identity;
  }

  /** The encoder's uint8 word embedding table, dequantized: (q - zero_point) * scale. */
  private static Tensor wordEmbeddings(ModelProto encoder) {
    TensorProto quantized = initializer(encoder, WORD_EMBEDDINGS + "_quantized");
    float scale = OnnxTensors.toFloats(initializer(encoder, WORD_EMBEDDINGS + "_scale"))[0];
    TensorProto zeroPointTensor = initializer(encoder, WORD_EMBEDDINGS + "_zero_point");
    int zeroPoint = zeroPointTensor.getRawData().isEmpty()
        ? zeroPointTensor.getInt32Data(0) : zeroPointTensor.getRawData().byteAt(0) & 0xFF;
    byte[] raw = quantized.getRawData().toByteArray();
    float[] values = new float[raw.length];
    for (int i = 0; i < raw.length; i++) {
      values[i] = ((raw[i] & 0xFF) - zeroPoint) * scale;
    }
    return Tensor.of("embedding", values, quantized.getDims(0), quantized.getDims(1));
  }

  private static TensorProto initializer(ModelProto model, String name) {
    return model.getGraph().getInitializerList().stream()
        .filter(t -> t.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(
            "the MiniLM encoder has no initializer " + name + "; did the langchain4j jar change?"));
  }
}
