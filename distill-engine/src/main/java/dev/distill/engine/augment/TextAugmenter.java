package dev.distill.engine.augment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Makes augmented copies of texts for the transfer set (Tang et al., 2019): in each copy every word
 * is replaced by the tokenizer's mask token with probability {@code maskProbability}, and with
 * probability {@code ngramProbability} the copy is cut to a random contiguous span of n words (n
 * uniform in [1, ngramMaxLength]). Words are split on whitespace. The copies have no gold label; the
 * teacher labels them.
 *
 * <p>Each text draws from its own random stream, seeded from the seed and its index, so a text's
 * copies do not depend on the texts before it.
 */
public final class TextAugmenter {

    private final AugmentOptions options;
    private final String maskToken;

    /**
     * @param maskToken the token that replaces a masked word, e.g. {@code [MASK]} (see {@link MaskTokens})
     */
    public TextAugmenter(AugmentOptions options, String maskToken) {
        this.options = Objects.requireNonNull(options, "options");
        this.maskToken = Objects.requireNonNull(maskToken, "maskToken");
    }

    /**
     * The copies of every text: {@code copies} per text, the copies of text {@code i} at positions
     * {@code [i * copies, (i + 1) * copies)}.
     */
    public List<String> augment(List<String> texts) {
        List<String> copies = new ArrayList<>(texts.size() * options.copies());
        for (int i = 0; i < texts.size(); i++) {
            SplittableRandom random = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + i);
            String[] words = texts.get(i).strip().split("\\s+");
            for (int c = 0; c < options.copies(); c++) {
                copies.add(copy(words, random));
            }
        }
        return copies;
    }

    private String copy(String[] words, SplittableRandom random) {
        String[] out = words.clone();
        for (int w = 0; w < out.length; w++) {
            if (random.nextDouble() < options.maskProbability()) {
                out[w] = maskToken;
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
