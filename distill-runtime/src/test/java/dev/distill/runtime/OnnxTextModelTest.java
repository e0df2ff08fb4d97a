package dev.distill.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.distill.contract.ClassifierGraph;
import dev.distill.onnx.EncoderGraphs;
import dev.distill.onnx.GraphOutputs;
import dev.distill.onnx.OnnxModels;
import dev.distill.runtime.testing.ClassifierFixture;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared core: any named 2-D output, several outputs of any rank, and only the inputs it knows how to feed. */
class OnnxTextModelTest {
  @TempDir Path temp;

  @Test
  void servesSentenceEmbeddingsOfAPooledEncoder() {
    Path pooled = temp.resolve("pooled.onnx");
    OnnxModels.write(EncoderGraphs.withMeanPooling(OnnxModels.read(ClassifierFixture.encoder())), pooled);
    try (OnnxTextModel model = OnnxTextModel.load(pooled, ClassifierFixture.tokenizer(),
        EncoderGraphs.SENTENCE_EMBEDDING, 32, 1)) {
      assertTrue(model.inputNames().contains(ClassifierGraph.INPUT_IDS));
      assertTrue(Set.of("input_ids", "attention_mask", "token_type_ids").containsAll(model.inputNames()));
      float[][] embeddings = model.forward(List.of("a good film", "a good film", "a bad film"));
      assertEquals(384, embeddings[0].length);
      assertArrayEquals(embeddings[0], embeddings[1], "same text, same batch, same numbers");
      assertTrue(cosine(embeddings[0], embeddings[2]) < 0.9999, "different texts differ");
      assertTrue(cosine(embeddings[0], embeddings[2]) > 0.5, "but are similar sentences");
    }
  }

  /**
   * The real classifier with two inner tensors made outputs: the 3-D last_hidden_state and the
   * head's input, which must be the masked mean of the former (the fixture's head reads mean pooling).
   */
  @Test
  void servesSeveralNamedOutputsOfAnyRank() {
    ModelProto classifier = OnnxModels.read(ClassifierFixture.classifier().resolve("model.onnx"));
    ModelProto exposed = GraphOutputs.withHeadInput(
        GraphOutputs.withOutput(classifier, EncoderGraphs.LAST_HIDDEN_STATE, "hidden"), "logits", "pooled");
    Path model = temp.resolve("exposed.onnx");
    OnnxModels.write(exposed, model);
    List<String> texts = List.of("a good film", "dull", "the plot wanders , but the cast keeps it afloat");
    try (OnnxTextModel onnx = OnnxTextModel.load(model, ClassifierFixture.tokenizer(), "logits", 32, 1)) {
      assertEquals(Set.of("logits", "hidden", "pooled"), onnx.declaredOutputs());
      EncodedBatch batch = onnx.encoder().encode(texts);
      Map<String, FloatTensor> outputs = onnx.forward(batch, new LinkedHashSet<>(List.of("pooled", "hidden")));
      assertEquals(List.of("pooled", "hidden"), List.copyOf(outputs.keySet()));
      FloatTensor hidden = outputs.get("hidden");
      assertArrayEquals(new long[] {3, batch.sequenceLength(), 384}, hidden.shape());
      float[][] pooled = outputs.get("pooled").toMatrix();
      for (int row = 0; row < texts.size(); row++) {
        float[] expected = maskedMean(hidden.row(row), batch.attentionMask()[row]);
        for (int h = 0; h < expected.length; h++) {
          assertEquals(expected[h], pooled[row][h], 1e-5, "row " + row + ", component " + h);
        }
      }
      assertArrayEquals(onnx.forward(batch)[1],
          onnx.forward(texts, Set.of("logits")).get("logits").row(1).values(), "one run, one set of logits");

      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> onnx.forward(texts, Set.of("attentions")));
      TextClassifierErrorsTest.assertMentions(e, model.toString(), "[attentions]", "logits", "pooled");
    }
  }

  private static float[] maskedMean(FloatTensor tokens, long[] mask) {
    int length = (int) tokens.shape()[0];
    int width = (int) tokens.shape()[1];
    double[] sum = new double[width];
    double count = 0;
    for (int t = 0; t < length; t++) {
      count += mask[t];
      for (int h = 0; h < width; h++) {
        sum[h] += tokens.values()[t * width + h] * mask[t];
      }
    }
    float[] mean = new float[width];
    for (int h = 0; h < width; h++) {
      mean[h] = (float) (sum[h] / count);
    }
    return mean;
  }

  @Test
  void rejectsAModelWithAnInputItCannotFeed() {
    ModelProto classifier = OnnxModels.read(ClassifierFixture.classifier().resolve("model.onnx"));
    ValueInfoProto extra = ValueInfoProto.newBuilder()
        .setName("position_ids")
        .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
            .setElemType(DataType.INT64.getNumber())
            .setShape(TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("sequence")))))
        .build();
    Path model = temp.resolve("extra-input.onnx");
    OnnxModels.write(classifier.toBuilder()
        .setGraph(classifier.getGraph().toBuilder().addInput(extra)).build(), model);

    ModelLoadException e = assertThrows(ModelLoadException.class, () -> OnnxTextModel.load(
        model, ClassifierFixture.tokenizer(), "logits", 16, 1));
    TextClassifierErrorsTest.assertMentions(e, model.toString(), "'position_ids'");
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
