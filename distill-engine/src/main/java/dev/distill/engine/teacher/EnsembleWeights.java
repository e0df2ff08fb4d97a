package dev.distill.engine.teacher;

import dev.distill.annotations.TeacherWeights;
import java.util.List;

/**
 * How the teachers of an ensemble are weighed ({@code @Distill(teacherWeights)}): from the descriptor as written
 * ({@link FixedEnsembleWeights}) or fitted on labelled rows ({@link FittedEnsembleWeights}). Asked once, before the
 * student trains, with each teacher's logits of the labelled dev rows.
 */
public interface EnsembleWeights {

    /**
     * The weight of each teacher.
     *
     * @param logits per teacher, its logits of the fit rows (the dev set), in one label order
     * @param gold the gold class of each row; rows without one ({@code UNLABELED}, negative) are not used
     * @param temperature the temperature the mix is judged at ({@link #JUDGED_AT} in a build)
     * @return the weights, positive and summing to 1, with how they were found
     */
    Weighting weigh(List<float[][]> logits, int[] gold, float temperature);

    /**
     * The temperature a build judges the weights at: 1, the teachers' own predictions, whatever temperature the
     * student is taught at. At the distillation temperature every teacher's distribution is flattened by its own logit
     * scale, and the cross-entropy of the mix then prefers the teacher with the largest logits rather than the
     * teachers that predict best together (measured on SST-2 at T = 4: 0.994 onto the fine-tuned MiniLM, a mix no
     * better than it alone, where equal weights gave +1.7 points).
     */
    float JUDGED_AT = 1f;

    /**
     * Teacher weights and how they came about, for the log, the report and {@code config.json}.
     *
     * @param weights one per teacher, summing to 1
     * @param explanation e.g. {@code fixed (teacher.weight)} or {@code fitted on 872 dev rows: ...}
     */
    record Weighting(double[] weights, String explanation) {
        public Weighting {
            weights = weights.clone();
        }
    }

    /**
     * The strategy that {@code teacherWeights} names.
     *
     * @param written each teacher's {@code @Teacher(weight)}, for {@link TeacherWeights#FIXED}
     */
    static EnsembleWeights of(TeacherWeights mode, double[] written) {
        return switch (mode) {
            case FIXED -> new FixedEnsembleWeights(written);
            case FITTED -> new FittedEnsembleWeights();
        };
    }
}
