package dev.distill.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.distill.annotations.SoftLoss;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The loss on small tensors against values computed by hand (in double precision, below). */
class DistillationLossTest {

    private static final float[][] STUDENT = {{1.0f, -0.5f, 0.2f}, {0.3f, 0.9f, -1.2f}};
    private static final float[][] TEACHER = {{2.0f, 0.1f, -1.0f}, {-0.4f, 1.5f, 0.0f}};
    private static final long[] LABELS = {0, 2};

    private static NDManager manager;

    @BeforeAll
    static void start() {
        TorchRuntime.start(1);
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static double[] softmax(float[] logits, double t) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v / t);
        }
        double sum = 0;
        double[] p = new double[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] / t - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** Mean over rows of T² · Σ p_t (log p_t − log p_s). */
    private static double kl(double t, int... rows) {
        double total = 0;
        for (int r : rows) {
            double[] pt = softmax(TEACHER[r], t);
            double[] ps = softmax(STUDENT[r], t);
            for (int c = 0; c < pt.length; c++) {
                total += pt[c] * (Math.log(pt[c]) - Math.log(ps[c]));
            }
        }
        return t * t * total / rows.length;
    }

    private static double crossEntropy(int row, int label) {
        return -Math.log(softmax(STUDENT[row], 1)[label]);
    }

    private float loss(float alpha, SoftLoss soft, long[] labels, float t) {
        return loss(alpha, soft, labels, manager.create(TEACHER), t);
    }

    private float loss(float alpha, SoftLoss soft, long[] labels, NDArray teacher, float t) {
        return new DistillationLoss(alpha, soft)
                .compute(manager.create(STUDENT), manager.create(labels), teacher, t).getFloat();
    }

    @Test
    void klTermMatchesTheHandComputedValueWithItsTemperatureSquaredScaling() {
        assertEquals(kl(1, 0, 1), loss(1f, SoftLoss.KL, LABELS, 1f), 1e-6);
        assertEquals(kl(3, 0, 1), loss(1f, SoftLoss.KL, LABELS, 3f), 1e-6);
        // T² keeps the gradient scale: without it the soft term at T = 3 would be about 9x smaller
        double unscaled = kl(3, 0, 1) / 9;
        assertEquals(9.0, loss(1f, SoftLoss.KL, LABELS, 3f) / unscaled, 1e-4);
    }

    @Test
    void mixesSoftAndHardTermsByAlpha() {
        double hard = (crossEntropy(0, 0) + crossEntropy(1, 2)) / 2;
        assertEquals(0.3 * kl(2, 0, 1) + 0.7 * hard, loss(0.3f, SoftLoss.KL, LABELS, 2f), 1e-6);
    }

    @Test
    void alphaOneIgnoresTheLabels() {
        assertEquals(loss(1f, SoftLoss.KL, LABELS, 2f), loss(1f, SoftLoss.KL, new long[] {1, 0}, 2f));
    }

    @Test
    void alphaZeroIgnoresTheTeacherAndNeedsNone() {
        double hard = (crossEntropy(0, 0) + crossEntropy(1, 2)) / 2;
        assertEquals(hard, loss(0f, SoftLoss.KL, LABELS, null, 2f), 1e-6);
        NDArray nonsense = manager.create(new float[][] {{Float.NaN, 1e9f, 0}, {5, 5, 5}});
        assertEquals(hard, loss(0f, SoftLoss.KL, LABELS, nonsense, 2f), 1e-6);
    }

    @Test
    void mseVariantComparesLogitsWithoutTemperature() {
        double sum = 0;
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                sum += Math.pow(STUDENT[r][c] - TEACHER[r][c], 2);
            }
        }
        assertEquals(sum / 6, loss(1f, SoftLoss.MSE, LABELS, 1f), 1e-6);
        assertEquals(loss(1f, SoftLoss.MSE, LABELS, 1f), loss(1f, SoftLoss.MSE, LABELS, 5f));
    }

    @Test
    void unlabeledRowsContributeOnlyTheSoftTerm() {
        long[] secondUnlabeled = {0, -1};
        double expected = 0.5 * kl(2, 0, 1) + 0.5 * crossEntropy(0, 0);
        assertEquals(expected, loss(0.5f, SoftLoss.KL, secondUnlabeled, 2f), 1e-6);
        assertEquals(0.5 * kl(2, 0, 1), loss(0.5f, SoftLoss.KL, new long[] {-1, -1}, 2f), 1e-6);
    }

    @Test
    void softTermWithoutTeacherLogitsIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loss(0.5f, SoftLoss.KL, LABELS, null, 2f));
        assertEquals("alpha is 0.5 but the batch has no teacher logits", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DistillationLoss(1.5f, SoftLoss.KL));
    }
}
