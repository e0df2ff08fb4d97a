package dev.distill.engine.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.runtime.EncodedBatch;
import dev.distill.runtime.TextEncoder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tang et al.'s masking and n-gram sampling, with the real MiniLM tokenizer's [MASK]. */
class TextAugmenterTest {

    private static final List<String> TEXTS = EngineFixtures.sst2Train(50).texts();

    @Test
    void sameSeedSameCopiesOtherSeedOtherCopies() {
        List<String> first = new TextAugmenter(AugmentOptions.tang(4, 11), "[MASK]").augment(TEXTS);
        List<String> again = new TextAugmenter(AugmentOptions.tang(4, 11), "[MASK]").augment(TEXTS);
        List<String> other = new TextAugmenter(AugmentOptions.tang(4, 12), "[MASK]").augment(TEXTS);
        assertEquals(first, again);
        assertNotEquals(first, other);
        // A text's copies do not depend on the texts before it.
        List<String> tail = new TextAugmenter(AugmentOptions.tang(4, 11), "[MASK]").augment(TEXTS.subList(0, 10));
        assertEquals(first.subList(0, 40), tail);
    }

    @Test
    void makesTheExpectedNumberOfCopiesInOrder() {
        AugmentOptions options = new AugmentOptions(3, 0.0, 0.0, 5, 1);
        List<String> copies = new TextAugmenter(options, "[MASK]").augment(TEXTS);
        assertEquals(3 * TEXTS.size(), copies.size());
        for (int i = 0; i < TEXTS.size(); i++) {
            String normalized = String.join(" ", TEXTS.get(i).strip().split("\\s+"));
            assertEquals(normalized, copies.get(3 * i + 2), "without masking or n-grams a copy is the text");
        }
        assertEquals(List.of(), new TextAugmenter(AugmentOptions.tang(0, 1), "[MASK]").augment(TEXTS));
    }

    @Test
    void masksWordsWithTheTokenizersMaskToken() {
        try (TextEncoder encoder = TextEncoder.load(EngineFixtures.tokenizer(), 64)) {
            String mask = MaskTokens.of(encoder);
            assertEquals("[MASK]", mask);
            List<String> copies = new TextAugmenter(new AugmentOptions(2, 0.3, 0.0, 5, 5), mask).augment(TEXTS);
            long words = 0;
            long masked = 0;
            for (String copy : copies) {
                for (String word : copy.split(" ")) {
                    words++;
                    masked += word.equals(mask) ? 1 : 0;
                }
            }
            double share = (double) masked / words;
            assertTrue(share > 0.2 && share < 0.4, "masked share " + share);
            // The tokenizer reads "[MASK]" in a text as the mask token itself.
            long maskId = encoder.tokenId(mask).orElseThrow();
            EncodedBatch batch = encoder.encode(copies.subList(0, 10));
            long found = Arrays.stream(batch.inputIds()).flatMapToLong(Arrays::stream).filter(id -> id == maskId).count();
            assertTrue(found > 0, "no [MASK] id among the tokens");
        }
    }

    @Test
    void ngramSamplingKeepsAContiguousSpanOfAtMostMaxWords() {
        AugmentOptions options = new AugmentOptions(5, 0.0, 1.0, 3, 9);
        List<String> copies = new TextAugmenter(options, "[MASK]").augment(TEXTS);
        for (int i = 0; i < copies.size(); i++) {
            String source = " " + String.join(" ", TEXTS.get(i / 5).strip().split("\\s+")) + " ";
            String copy = copies.get(i);
            int words = copy.split(" ").length;
            assertTrue(words >= 1 && words <= 3, "copy has " + words + " words: " + copy);
            assertTrue(source.contains(" " + copy + " "), "'" + copy + "' is not a span of '" + source + "'");
        }
    }

    @Test
    void rejectsSettingsOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AugmentOptions(1, 1.5, 0.25, 5, 1));
        assertTrue(e.getMessage().contains("maskProbability") && e.getMessage().contains("1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AugmentOptions(101, 0.1, 0.25, 5, 1));
    }
}
