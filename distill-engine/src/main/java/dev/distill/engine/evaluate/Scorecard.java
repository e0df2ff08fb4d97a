package dev.distill.engine.evaluate;

import dev.distill.engine.report.ModelEvaluation;
import dev.distill.engine.report.ModelRole;
import dev.distill.engine.teacher.Logits;
import dev.distill.runtime.eval.ClassificationMetrics;
import java.util.List;

/** Scores one model's dev logits against the gold labels and the teacher's answers. */
public final class Scorecard {

    private Scorecard() {
    }

    /** The argmax of each row. */
    public static int[] predictions(float[][] logits) {
        return Logits.argmaxes(logits);
    }

    /**
     * @param teacherPredicted the teacher's argmax per dev row (the agreement is measured against it)
     */
    public static ModelEvaluation score(ModelRole role, List<String> labels, int[] gold, int[] teacherPredicted,
            float[][] logits, long parameters, long fileBytes, Speed speed) {
        int[] predicted = predictions(logits);
        ClassificationMetrics metrics = ClassificationMetrics.of(labels, gold, predicted);
        int agree = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == teacherPredicted[i]) {
                agree++;
            }
        }
        return new ModelEvaluation(role, metrics.accuracy(), metrics.macroF1(),
                predicted.length == 0 ? Double.NaN : agree / (double) predicted.length, parameters, fileBytes,
                speed.latencyP50Ms(), speed.throughput(), metrics.confusion());
    }
}
