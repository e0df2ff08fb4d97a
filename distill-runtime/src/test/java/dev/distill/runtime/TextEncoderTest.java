package dev.distill.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.runtime.testing.ClassifierFixture;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real MiniLM tokenizer.json asks for fixed padding to 128 and truncation at 128; the encoder
 * must pad each batch to its longest text and truncate at its own maxLength instead.
 */
class TextEncoderTest {
  private static TextEncoder encoder;

  @BeforeAll
  static void load() {
    encoder = TextEncoder.load(ClassifierFixture.tokenizer(), 16);
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  @Test
  void padsToTheLongestTextInTheBatchNotTo128() {
    EncodedBatch batch = encoder.encode(List.of("good", "a rather good film"));
    assertEquals(2, batch.size());
    int longest = Math.max(batch.lengths()[0], batch.lengths()[1]);
    assertEquals(longest, batch.sequenceLength(), "padded to the longest text");
    assertTrue(longest < 16);
    assertEquals(3, batch.lengths()[0], "[CLS] good [SEP]");
    long[] mask = batch.attentionMask()[0];
    for (int i = 0; i < mask.length; i++) {
      assertEquals(i < 3 ? 1 : 0, mask[i], "mask at " + i);
      if (i >= 3) {
        assertEquals(encoder.padId(), batch.inputIds()[0][i], "pad id at " + i);
      }
    }
  }

  @Test
  void joinedBatchesAreTheBatchOfAllTheirTexts() {
    List<String> texts = List.of("good", "a rather good film", "bad", "");
    EncodedBatch together = encoder.encode(texts);
    EncodedBatch joined = encoder.join(List.of(encoder.encode(texts.subList(0, 1)),
        encoder.encode(texts.subList(1, 3)), encoder.encode(texts.subList(3, 4))));
    assertEquals(together.sequenceLength(), joined.sequenceLength());
    assertArrayEquals(together.lengths(), joined.lengths());
    assertArrayEquals(together.inputIds(), joined.inputIds(), "padded with the pad id to the longest");
    assertArrayEquals(together.attentionMask(), joined.attentionMask());
    assertArrayEquals(together.typeIds(), joined.typeIds());
  }

  @Test
  void truncatesLongTextsKeepingTheSpecialTokens() {
    String longText = "word ".repeat(20_000); // 100k characters
    EncodedBatch batch = encoder.encode(List.of(longText));
    assertEquals(16, batch.lengths()[0]);
    long[] ids = batch.inputIds()[0];
    assertEquals(encoder.tokenId("[CLS]").getAsLong(), ids[0]);
    assertEquals(encoder.tokenId("[SEP]").getAsLong(), ids[15]);
  }

  @Test
  void encodesTheEmptyTextAsJustTheSpecialTokens() {
    EncodedBatch batch = encoder.encode(List.of(""));
    assertArrayEquals(new long[] {encoder.tokenId("[CLS]").getAsLong(),
        encoder.tokenId("[SEP]").getAsLong()}, batch.inputIds()[0]);
  }

  @Test
  void knowsTheVocabulary() {
    assertEquals(30522, encoder.vocabularySize());
    assertEquals(OptionalLong.of(103), encoder.tokenId("[MASK]"));
    assertEquals(OptionalLong.of(100), encoder.tokenId("[UNK]"));
    assertEquals(OptionalLong.of(0), encoder.tokenId("[PAD]"));
    assertEquals(0, encoder.padId());
    assertTrue(encoder.tokenId("no-such-token-xyz").isEmpty());
  }

  @Test
  void rejectsANullTextNamingItsIndex() {
    List<String> texts = java.util.Arrays.asList("fine", null);
    NullPointerException e = assertThrows(NullPointerException.class, () -> encoder.encode(texts));
    assertTrue(e.getMessage().contains("index 1"), e.getMessage());
  }

  @Test
  void refusesToEncodeAfterClose() {
    TextEncoder closing = TextEncoder.load(ClassifierFixture.tokenizer(), 8);
    closing.close();
    closing.close(); // idempotent
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> closing.encode(List.of("x")));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }
}
