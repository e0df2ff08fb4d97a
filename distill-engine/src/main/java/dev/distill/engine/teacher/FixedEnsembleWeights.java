package dev.distill.engine.teacher;

import java.util.Arrays;
import java.util.List;

/** The weights written in the descriptor ({@code @Teacher(weight)}, 1 each by default), normalised to sum 1. */
public final class FixedEnsembleWeights implements EnsembleWeights {

    private final double[] written;

    /** @param written one positive weight per teacher */
    public FixedEnsembleWeights(double[] written) {
        if (written.length == 0 || Arrays.stream(written).anyMatch(w -> !(w > 0) || !Double.isFinite(w))) {
            throw new IllegalArgumentException("teacher weights must be positive and finite, got "
                    + Arrays.toString(written) + ": set each @Teacher(weight) in (0, 1000]");
        }
        this.written = written.clone();
    }

    @Override
    public Weighting weigh(List<float[][]> logits, int[] gold, float temperature) {
        if (logits.size() != written.length) {
            throw new IllegalArgumentException(logits.size() + " teachers but " + written.length + " weights");
        }
        double sum = Arrays.stream(written).sum();
        return new Weighting(Arrays.stream(written).map(w -> w / sum).toArray(),
                "fixed: teacher.weight " + Arrays.toString(written) + " normalised");
    }
}
