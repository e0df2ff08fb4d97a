package dev.distill.engine.augment;

import dev.distill.runtime.TextEncoder;
import java.util.List;

/** Picks the token that stands for a masked word in a tokenizer's vocabulary. */
public final class MaskTokens {

    /** Tried in this order: BERT's and RoBERTa's mask tokens, then their unknown-word tokens. */
    static final List<String> CANDIDATES = List.of("[MASK]", "<mask>", "[UNK]", "<unk>");

    private MaskTokens() {
    }

    /**
     * The tokenizer's mask token, or its unknown-word token when it has no mask token.
     *
     * @throws IllegalArgumentException when the vocabulary has none of {@link #CANDIDATES}
     */
    public static String of(TextEncoder encoder) {
        for (String candidate : CANDIDATES) {
            if (encoder.tokenId(candidate).isPresent()) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("The tokenizer " + encoder.location() + " has none of the tokens "
                + CANDIDATES + " that augmentation masks words with; turn augmentation off (copies = 0)");
    }
}
