package dev.distill.runtime.testing;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.distill.contract.ClassifierGraph;
import dev.distill.onnx.OnnxModels;
import dev.distill.onnx.OnnxTensors;
import dev.distill.onnx.quantize.DynamicInt8Quantizer;
import dev.distill.onnx.student.MeanEmbeddingGraph;
import dev.distill.onnx.student.StudentGraphs;
import dev.distill.onnx.student.StudentSizes;
import dev.distill.onnx.student.StudentWeights;
import dev.distill.onnx.student.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real int8 student classifier folder, cheap enough for tests that make 100,000s of predictions:
 * a student graph written by distill's {@link StudentGraphs} (distill-onnx's test graph
 * {@link MeanEmbeddingGraph}, the mean embedding then the output layer: the real students are the
 * engine's, which the runtime does not depend on), quantized by {@link DynamicInt8Quantizer} as a
 * shipped student is, with all-MiniLM-L6-v2's word embedding table (langchain4j jar) and a nearest-centroid head fitted
 * like {@link ClassifierFixture}'s, {@code W h + b} on the mean embedding h. A single text costs a
 * fraction of what the MiniLM classifier's does (the bag-of-embeddings student with its hidden layer
 * took 0.3 ms against 3 ms on 2 loaded cores), with the same tokenizer. Its accuracy is close to chance
 * (raw word embeddings averaged): it is made for load tests, where answers are compared, not graded.
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
    Path folder = TestPaths.targetDir("classifiers").resolve("minilm-embeddings-mean-sst2-centroid");
    if (Files.isRegularFile(folder.resolve("config.json"))) {
      return folder;
    }
    Tensor embedding = wordEmbeddings(OnnxModels.read(ClassifierFixture.encoder()));
    int dimensions = (int) embedding.dim(1);
    // Pass-through weights make the student's "logits" its mean embedding: the centroids' input.
    Path pooled = TestPaths.targetDir("encoder").resolve("embeddings-mean-pooled.onnx");
    OnnxModels.write(student(embedding, identity(dimensions), new float[dimensions]), pooled);
    float[][] centroids = ClassifierFixture.centroids(pooled, ClassifierGraph.LOGITS);
    ModelProto fp32 = student(embedding, centroids, ClassifierFixture.centroidBias(centroids));
    return ClassifierFixture.publish(folder, new DynamicInt8Quantizer().quantize(fp32).model(),
        "distill mean-of-embeddings student (int8) on all-MiniLM-L6-v2's word embeddings");
  }

  /** A student computing {@code head . mean(embedding) + bias}. */
  private static ModelProto student(Tensor embedding, float[][] head, float[] bias) {
    int d = (int) embedding.dim(1);
    int classes = head.length;
    float[] out = new float[classes * d];
    for (int c = 0; c < classes; c++) {
      System.arraycopy(head[c], 0, out, c * d, d);
    }
    MeanEmbeddingGraph shape = new MeanEmbeddingGraph(new StudentSizes((int) embedding.dim(0), d, classes));
    StudentWeights weights = StudentWeights.of(List.of(embedding,
        Tensor.of("out.w", out, classes, d), Tensor.of("out.b", bias, classes)));
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
