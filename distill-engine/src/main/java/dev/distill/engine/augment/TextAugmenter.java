package dev.distill.engine.augment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Makes augmented copies of texts for the transfer set (Tang et al., 2019): in each copy every word is replaced by
 * the tokenizer's mask token with probability {@code maskProbability}, or else by a word used alike (one of its
 * {@link WordNeighbours}, uniformly) with probability {@code replaceProbability}; then, with probability
 * {@code ngramProbability}, the copy is cut to a random contiguous span of n words (n uniform in
 * [1, ngramMaxLength]). Words are split on whitespace. Up to {@code copies} copies are made per text: a copy equal
 * to a training text or to an earlier copy is dropped, as Tang et al. drop duplicates. The copies have no gold
 * label; the teacher labels them.
 *
 * <p>Each text draws from its own random stream, seeded from the seed and its index, so a text's copies do not
 * depend on the texts before it (only which of them are dropped as duplicates does).
 */
public final class TextAugmenter {

    /** An augmented copy and the index of the training text it was made from. */
    public record Copy(String text, int source) {
    }

    private final AugmentOptions options;
    private final String maskToken;
    private final WordNeighbours neighbours;

    /**
     * A masking and n-gram augmenter that replaces no words.
     *
     * @param maskToken the token that replaces a masked word, e.g. {@code [MASK]} (see {@link MaskTokens})
     */
    public TextAugmenter(AugmentOptions options, String maskToken) {
        this(options, maskToken, WordNeighbours.NONE);
    }

    /**
     * @param maskToken the token that replaces a masked word, e.g. {@code [MASK]} (see {@link MaskTokens})
     * @param neighbours the words that may replace a word; a word without any is left as it is
     */
    public TextAugmenter(AugmentOptions options, String maskToken, WordNeighbours neighbours) {
        this.options = Objects.requireNonNull(options, "options");
        this.maskToken = Objects.requireNonNull(maskToken, "maskToken");
        this.neighbours = Objects.requireNonNull(neighbours, "neighbours");
    }

    /** The copies of every text, the copies of text {@code i} after those of texts before it. */
    public List<Copy> augment(List<String> texts) {
        List<Copy> copies = new ArrayList<>(texts.size() * options.copies());
        Set<String> seen = new HashSet<>();
        for (String text : texts) {
            seen.add(String.join(" ", words(text)));
        }
        for (int i = 0; i < texts.size(); i++) {
            SplittableRandom random = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + i);
            String[] words = words(texts.get(i));
            for (int c = 0; c < options.copies(); c++) {
                String copy = copy(words, random);
                if (seen.add(copy)) {
                    copies.add(new Copy(copy, i));
                }
            }
        }
        return copies;
    }

    private static String[] words(String text) {
        return text.strip().split("\\s+");
    }

    private String copy(String[] words, SplittableRandom random) {
        String[] out = words.clone();
        for (int w = 0; w < out.length; w++) {
            double draw = random.nextDouble();
            if (draw < options.maskProbability()) {
                out[w] = maskToken;
            } else if (draw < options.maskProbability() + options.replaceProbability()) {
                List<String> alike = neighbours.of(out[w]);
                if (!alike.isEmpty()) {
                    out[w] = alike.get(random.nextInt(alike.size()));
                }
            }
        }
        if (random.nextDouble() < options.ngramProbability()) {
            int n = 1 + random.nextInt(options.ngramMaxLength());
            if (n < out.length) {
                int start = random.nextInt(out.length - n + 1);
                out = Arrays.copyOfRange(out, start, start + n);
            }
        }
        return String.join(" ", out);
    }
}
