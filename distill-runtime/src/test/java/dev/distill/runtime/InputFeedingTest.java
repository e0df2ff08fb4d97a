package dev.distill.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import dev.distill.contract.ClassifierGraph;
import dev.distill.contract.ElementType;
import dev.distill.contract.InputKind;
import dev.distill.contract.InputTensor;
import dev.distill.onnx.OnnxGraph;
import dev.distill.onnx.OnnxModels;
import dev.distill.onnx.OnnxOps;
import dev.distill.runtime.testing.ClassifierFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session feeds exactly the inputs a graph declares, as the batch builds them: graphs that
 * declare a part of the text inputs answer, per text, the sum of each input they declare, which must
 * be the sums of what the tokenizer made. ONNX Runtime refuses an input a graph does not declare, so
 * feeding one more than declared fails the run.
 */
class InputFeedingTest {
  private static final List<String> TEXTS =
      List.of("a good film", "dull", "the plot wanders , but the cast keeps it afloat");

  @TempDir Path temp;

  @Test
  void feedsOnlyTheTextInputsAGraphDeclares() {
    for (List<String> declared : List.of(List.of(ClassifierGraph.INPUT_IDS),
        List.of(ClassifierGraph.INPUT_IDS, ClassifierGraph.TOKEN_TYPE_IDS),
        List.of(ClassifierGraph.INPUT_IDS, ClassifierGraph.ATTENTION_MASK, ClassifierGraph.TOKEN_TYPE_IDS))) {
      try (OnnxTextModel model = OnnxTextModel.load(sums(declared), ClassifierFixture.tokenizer(),
          ClassifierGraph.LOGITS, 16, 1)) {
        assertEquals(Set.copyOf(declared), model.inputNames());
        EncodedBatch batch = model.encoder().encode(TEXTS);
        float[][] sums = model.forward(TEXTS);
        for (int row = 0; row < TEXTS.size(); row++) {
          float[] expected = new float[declared.size()];
          for (int k = 0; k < declared.size(); k++) {
            expected[k] = Arrays.stream(rows(batch, declared.get(k))[row]).sum();
          }
          assertArrayEquals(expected, sums[row], "inputs " + declared + ", text " + row);
        }
        assertEquals(batch.lengths()[2], (int) Arrays.stream(batch.attentionMask()[2]).sum(),
            "the mask counts the real tokens");
      }
    }
  }

  @Test
  void buildsTheDeclaredTensorsWithTheirKindsTypeAndShape() throws Exception {
    EncodedBatch batch;
    try (TextEncoder encoder = TextEncoder.load(ClassifierFixture.tokenizer(), 16)) {
      batch = encoder.encode(TEXTS);
    }
    Map<String, OnnxTensor> tensors = new java.util.LinkedHashMap<>();
    try {
      batch.addTensors(OrtEnvironment.getEnvironment(), Set.of(ClassifierGraph.ATTENTION_MASK),
          new TensorBuffers(), tensors);
      assertEquals(Set.of(ClassifierGraph.ATTENTION_MASK), tensors.keySet());
      OnnxTensor mask = tensors.get(ClassifierGraph.ATTENTION_MASK);
      InputTensor declared = InputKind.TEXT.tensor(ClassifierGraph.ATTENTION_MASK).orElseThrow();
      assertEquals(ElementType.INT64, declared.type());
      assertEquals(ai.onnxruntime.OnnxJavaType.INT64, mask.getInfo().type);
      assertArrayEquals(new long[] {TEXTS.size(), batch.sequenceLength()}, mask.getInfo().getShape());
      assertArrayEquals(batch.attentionMask(), (long[][]) mask.getValue());
    } finally {
      tensors.values().forEach(OnnxTensor::close);
    }
  }

  @Test
  void rejectsABatchOfAnotherKind() {
    InputKind features = new InputKind("tabular",
        List.of(new InputTensor("features", ElementType.FLOAT, List.of(InputKind.BATCH, "features"))),
        List.of(), List.of("features"));
    InputBatch tabular = new InputBatch() {
      @Override
      public InputKind kind() {
        return features;
      }

      @Override
      public int size() {
        return 1;
      }

      @Override
      public void addTensors(OrtEnvironment environment, Set<String> declared, TensorBuffers buffers,
          Map<String, OnnxTensor> into) {
        throw new AssertionError("a text model must not ask a tabular batch for tensors");
      }

      @Override
      public String describe() {
        return "1 x 4 features";
      }
    };
    try (OnnxTextModel model = OnnxTextModel.load(sums(List.of(ClassifierGraph.INPUT_IDS)),
        ClassifierFixture.tokenizer(), ClassifierGraph.LOGITS, 16, 1)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.forward(tabular));
      TextClassifierErrorsTest.assertMentions(e, "text", "tabular", "1 x 4 features");
    }
  }

  @Test
  void aGraphMustDeclareTheRequiredInput() {
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> OnnxTextModel.load(
        sums(List.of(ClassifierGraph.ATTENTION_MASK)), ClassifierFixture.tokenizer(), ClassifierGraph.LOGITS, 16, 1));
    TextClassifierErrorsTest.assertMentions(e, "'" + ClassifierGraph.INPUT_IDS + "'", "[attention_mask]");
  }

  /** A graph declaring {@code inputs} whose logits are, per row, the sum of each input, in order. */
  private Path sums(List<String> inputs) {
    OnnxGraph graph = OnnxGraph.create("sums");
    OnnxOps ops = new OnnxOps(graph);
    List<String> columns = new ArrayList<>();
    for (String input : inputs) {
      InputTensor tensor = InputKind.TEXT.tensor(input).orElseThrow();
      graph.input(input, DataType.valueOf(tensor.type().name()), tensor.dimensions().toArray());
      columns.add(ops.reduceSum(ops.cast(input, DataType.FLOAT, input + "_float"), true, input + "_sum", 1));
    }
    String logits = graph.node("Concat").inputs(columns.toArray(String[]::new)).attrInt("axis", 1)
        .exactOutput(ClassifierGraph.LOGITS);
    graph.output(logits, DataType.FLOAT, InputKind.BATCH, (long) inputs.size());
    Path file = temp.resolve(String.join("+", inputs) + ".onnx");
    OnnxModels.write(graph.build(), file);
    return file;
  }

  private static long[][] rows(EncodedBatch batch, String input) {
    return switch (input) {
      case ClassifierGraph.INPUT_IDS -> batch.inputIds();
      case ClassifierGraph.ATTENTION_MASK -> batch.attentionMask();
      default -> batch.typeIds();
    };
  }
}
