package dev.distill.engine.augment;

/**
 * Settings of transfer-set augmentation (Tang et al., 2019, section 3.3).
 *
 * @param copies augmented copies per text, in [0, 100]; 0 turns augmentation off
 * @param maskProbability probability that a word is replaced by the mask token, in [0, 1]
 * @param replaceProbability probability that a word is replaced by a word used alike, in [0, 1]; at most
 *     {@code 1 - maskProbability} (a word is masked or replaced, not both)
 * @param ngramProbability probability that a copy is cut to a random n-gram of itself, in [0, 1]
 * @param ngramMaxLength the longest n-gram kept, in words; n is uniform in [1, ngramMaxLength]
 * @param seed the seed; the same seed and texts give the same copies
 */
public record AugmentOptions(int copies, double maskProbability, double replaceProbability, double ngramProbability,
        int ngramMaxLength, long seed) {

    /** Checks the ranges, naming the setting and its value. */
    public AugmentOptions {
        if (copies < 0 || copies > 100) {
            throw new IllegalArgumentException("augmentation copies must be in [0, 100], got " + copies);
        }
        checkProbability("maskProbability", maskProbability);
        checkProbability("replaceProbability", replaceProbability);
        if (maskProbability + replaceProbability > 1) {
            throw new IllegalArgumentException("augmentation maskProbability + replaceProbability must be at most 1, got "
                    + maskProbability + " + " + replaceProbability);
        }
        checkProbability("ngramProbability", ngramProbability);
        if (ngramMaxLength < 1 || ngramMaxLength > 64) {
            throw new IllegalArgumentException("augmentation ngramMaxLength must be in [1, 64], got " + ngramMaxLength);
        }
    }

    /** Tang et al.'s settings (p_mask 0.1, p_pos 0.1, p_ng 0.25, n in [1, 5]) with the given copies and seed. */
    public static AugmentOptions tang(int copies, long seed) {
        return new AugmentOptions(copies, 0.1, 0.1, 0.25, 5, seed);
    }

    /** Whether augmentation makes any copies. */
    public boolean enabled() {
        return copies > 0;
    }

    private static void checkProbability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("augmentation " + name + " must be in [0, 1], got " + p);
        }
    }
}
