package dev.distill.engine.augment;

import java.util.Set;
import java.util.HashSet;
import dev.distill.onnx.WordEmbeddingTable;
import dev.distill.onnx.OnnxModels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.runtime.EncodedBatch;
import dev.distill.runtime.TextEncoder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tang et al.'s masking, replacement and n-gram sampling, with the real MiniLM tokenizer's [MASK] and embeddings. */
class TextAugmenterTest {

    private static final List<String> TEXTS = EngineFixtures.sst2Train(50).texts();

    private static List<String> texts(List<TextAugmenter.Copy> copies) {
        return copies.stream().map(TextAugmenter.Copy::text).toList();
    }

    @Test
    void sameSeedSameCopiesOtherSeedOtherCopies() {
        List<String> first = texts(new TextAugmenter(AugmentOptions.tang(4, 11), "[MASK]").augment(TEXTS));
        List<String> again = texts(new TextAugmenter(AugmentOptions.tang(4, 11), "[MASK]").augment(TEXTS));
        List<String> other = texts(new TextAugmenter(AugmentOptions.tang(4, 12), "[MASK]").augment(TEXTS));
        assertEquals(first, again);
        assertNotEquals(first, other);
        // A text's copies do not depend on the texts after it.
        List<TextAugmenter.Copy> all = new TextAugmenter(AugmentOptions.tang(4, 11), "[MASK]").augment(TEXTS);
        List<TextAugmenter.Copy> head = new TextAugmenter(AugmentOptions.tang(4, 11), "[MASK]").augment(TEXTS.subList(0, 10));
        assertEquals(all.stream().filter(c -> c.source() < 10).map(TextAugmenter.Copy::text).toList(), texts(head));
    }

    @Test
    void makesUpToTheCopiesPerTextInOrderAndDropsDuplicates() {
        List<TextAugmenter.Copy> copies = new TextAugmenter(AugmentOptions.tang(6, 1), "[MASK]").augment(TEXTS);
        assertTrue(copies.size() <= 6 * TEXTS.size() && copies.size() > 2 * TEXTS.size(), "copies: " + copies.size());
        Set<String> originals = new HashSet<>();
        TEXTS.forEach(t -> originals.add(String.join(" ", t.strip().split("\\s+"))));
        Set<String> seen = new HashSet<>();
        int source = 0;
        for (TextAugmenter.Copy copy : copies) {
            assertTrue(copy.source() >= source, "copies come in the order of their texts");
            source = copy.source();
            assertTrue(seen.add(copy.text()), "a duplicate copy: " + copy.text());
            assertFalse(originals.contains(copy.text()), "a copy equal to a training text: " + copy.text());
        }
        // Without masking, replacement or n-grams every copy is its text: all are dropped.
        assertEquals(List.of(), new TextAugmenter(new AugmentOptions(3, 0, 0, 0, 5, 1), "[MASK]").augment(TEXTS));
        assertEquals(List.of(), new TextAugmenter(AugmentOptions.tang(0, 1), "[MASK]").augment(TEXTS));
    }

    @Test
    void masksWordsWithTheTokenizersMaskToken() {
        try (TextEncoder encoder = TextEncoder.load(EngineFixtures.tokenizer(), 64)) {
            String mask = MaskTokens.of(encoder);
            assertEquals("[MASK]", mask);
            List<String> copies = texts(new TextAugmenter(new AugmentOptions(2, 0.3, 0.0, 0.0, 5, 5), mask)
                    .augment(TEXTS));
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
    void replacesWordsByNeighboursInTheTeachersEmbeddings() {
        WordEmbeddingTable table = WordEmbeddingTable.find(OnnxModels.read(EngineFixtures.encoder())).orElseThrow("minilm");
        EmbeddingNeighbours neighbours;
        try (TextEncoder encoder = TextEncoder.load(EngineFixtures.tokenizer(), 16)) {
            neighbours = new EmbeddingNeighbours(table, encoder.vocabulary());
        }
        assertTrue(neighbours.size() > 15_000, "whole words: " + neighbours.size());
        List<String> good = neighbours.of("good");
        assertEquals(EmbeddingNeighbours.COUNT, good.size());
        assertFalse(good.contains("good"));
        assertTrue(good.contains("great") || good.contains("nice") || good.contains("bad") || good.contains("decent"),
                "the neighbours of 'good': " + good);
        assertEquals(List.of(), neighbours.of("##ing"), "word pieces are not words");
        assertEquals(List.of(), neighbours.of(","), "punctuation has no neighbours");

        AugmentOptions replaceOnly = new AugmentOptions(2, 0.0, 0.3, 0.0, 5, 7);
        List<TextAugmenter.Copy> copies = new TextAugmenter(replaceOnly, "[MASK]", neighbours).augment(TEXTS);
        int replaced = 0;
        int words = 0;
        for (TextAugmenter.Copy copy : copies) {
            String[] original = TEXTS.get(copy.source()).strip().split("\\s+");
            String[] changed = copy.text().split(" ");
            assertEquals(original.length, changed.length, "replacement keeps the length");
            for (int w = 0; w < original.length; w++) {
                words++;
                if (!original[w].equals(changed[w])) {
                    replaced++;
                    assertTrue(neighbours.of(original[w]).contains(changed[w]),
                            changed[w] + " is not a neighbour of " + original[w]);
                }
            }
        }
        assertTrue(replaced > 0.1 * words, "replaced " + replaced + " of " + words + " words");
    }

    @Test
    void ngramSamplingKeepsAContiguousSpanOfAtMostMaxWords() {
        AugmentOptions options = new AugmentOptions(5, 0.0, 0.0, 1.0, 3, 9);
        for (TextAugmenter.Copy copy : new TextAugmenter(options, "[MASK]").augment(TEXTS)) {
            String source = " " + String.join(" ", TEXTS.get(copy.source()).strip().split("\\s+")) + " ";
            int words = copy.text().split(" ").length;
            assertTrue(words >= 1 && words <= 3, "copy has " + words + " words: " + copy.text());
            assertTrue(source.contains(" " + copy.text() + " "), "'" + copy.text() + "' is not a span of '" + source + "'");
        }
    }

    @Test
    void rejectsSettingsOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AugmentOptions(1, 1.5, 0.0, 0.25, 5, 1));
        assertTrue(e.getMessage().contains("maskProbability") && e.getMessage().contains("1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AugmentOptions(101, 0.1, 0.0, 0.25, 5, 1));
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> new AugmentOptions(1, 0.6, 0.5, 0.25, 5, 1));
        assertTrue(both.getMessage().contains("maskProbability + replaceProbability"), both.getMessage());
    }
}
