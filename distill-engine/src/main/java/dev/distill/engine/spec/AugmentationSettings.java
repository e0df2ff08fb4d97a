package dev.distill.engine.spec;

/**
 * The augmentation settings of a descriptor ({@code augmentation.*}, Tang et al. 2019).
 *
 * @param maskProbability the per-word chance of the mask token in a copy
 * @param replaceProbability the per-word chance of a word used alike (a neighbour in the teacher's embeddings)
 * @param ngramProbability the chance that a copy is cut to a random n-gram
 * @param ngramMaxLength the largest n of that n-gram
 * @param copies augmented copies per training text; 0 turns augmentation off
 */
public record AugmentationSettings(double maskProbability, double replaceProbability, double ngramProbability,
        int ngramMaxLength, int copies) {

    /** Whether any copies are made. */
    public boolean enabled() {
        return copies > 0;
    }
}
