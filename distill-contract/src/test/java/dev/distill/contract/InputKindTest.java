package dev.distill.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The text inputs as every module reads them, and what a graph's inputs must be to be fed. */
class InputKindTest {

  @Test
  void textIsTheTokenIdsAndMaskOfTheStudentsAndTheTypeIdsOfATeacher() {
    assertEquals(List.of(ClassifierGraph.INPUT_IDS, ClassifierGraph.ATTENTION_MASK),
        InputKind.TEXT.studentTensors().stream().map(InputTensor::name).toList());
    assertEquals(List.of(ClassifierGraph.INPUT_IDS, ClassifierGraph.ATTENTION_MASK, ClassifierGraph.TOKEN_TYPE_IDS),
        InputKind.TEXT.names());
    for (InputTensor tensor : InputKind.TEXT.tensors()) {
      assertEquals(ElementType.INT64, tensor.type(), tensor.name());
      assertEquals(List.of(InputKind.BATCH, InputKind.SEQUENCE), tensor.dimensions(), tensor.name());
    }
    assertEquals(List.of(ClassifierGraph.INPUT_IDS), InputKind.TEXT.required());
  }

  @Test
  void aGraphWithAnyTextInputsBesidesTheIdsIsFed() {
    assertEquals(Optional.empty(), InputKind.TEXT.problemWith(List.of(ClassifierGraph.INPUT_IDS)));
    assertEquals(Optional.empty(), InputKind.TEXT.problemWith(InputKind.TEXT.names()));
  }

  @Test
  void aForeignInputOrAMissingRequiredOneIsNamed() {
    String foreign = InputKind.TEXT.problemWith(List.of(ClassifierGraph.INPUT_IDS, "position_ids")).orElseThrow();
    assertTrue(foreign.contains("'position_ids'") && foreign.contains("token_type_ids int64 [batch, sequence]"),
        foreign);
    String missing = InputKind.TEXT.problemWith(List.of(ClassifierGraph.ATTENTION_MASK)).orElseThrow();
    assertTrue(missing.contains("no 'input_ids'") && missing.contains("[attention_mask]"), missing);
  }

  @Test
  void aKindAndATensorAreCheckedWhenMade() {
    InputTensor pixels = new InputTensor("pixel_values", ElementType.FLOAT,
        List.of(InputKind.BATCH, "channels", "height", "width"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new InputKind("image", List.of(pixels), List.of(), List.of("pixels"))).getMessage()
        .contains("'pixels'"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new InputTensor("features", ElementType.FLOAT, List.of("features"))).getMessage()
        .contains("'batch'"));
    InputKind image = new InputKind("image", List.of(pixels), List.of(), List.of("pixel_values"));
    assertEquals(Optional.of(pixels), image.tensor("pixel_values"));
    assertTrue(image.problemWith(List.of(ClassifierGraph.INPUT_IDS)).orElseThrow().contains("image graph"));
  }

  @Test
  void tabularIsOneFloatRowOfFeatures() {
    InputTensor features = InputKind.TABULAR.studentTensors().get(0);
    assertEquals(ClassifierGraph.FEATURES, features.name());
    assertEquals(ElementType.FLOAT, features.type());
    assertEquals(List.of(InputKind.BATCH, InputKind.FEATURE), features.dimensions());
    assertEquals(List.of(ClassifierGraph.FEATURES), InputKind.TABULAR.required());
    assertTrue(InputKind.TABULAR.problemWith(List.of(ClassifierGraph.INPUT_IDS)).orElseThrow()
        .contains("'input_ids'"));
  }

  @Test
  void imagesAreOneFloatTensorOfChannelsHeightAndWidth() {
    InputTensor pixels = InputKind.IMAGE.studentTensors().get(0);
    assertEquals(ClassifierGraph.PIXEL_VALUES, pixels.name());
    assertEquals(ElementType.FLOAT, pixels.type());
    assertEquals(List.of(InputKind.BATCH, InputKind.CHANNELS, InputKind.HEIGHT, InputKind.WIDTH),
        pixels.dimensions());
    assertEquals(List.of(ClassifierGraph.PIXEL_VALUES), InputKind.IMAGE.required());
    assertTrue(InputKind.IMAGE.problemWith(List.of(ClassifierGraph.FEATURES)).orElseThrow()
        .contains("'features'"));
    assertTrue(InputKind.IMAGE.problemWith(List.of(ClassifierGraph.PIXEL_VALUES)).isEmpty());
  }
}
