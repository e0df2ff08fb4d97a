package dev.distill.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import dev.distill.annotations.Architecture;
import dev.distill.annotations.SoftLoss;
import dev.distill.engine.data.TokenizedExamples;
import dev.distill.engine.data.TransferSet;
import dev.distill.engine.signal.Signal;
import dev.distill.runtime.FloatTensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The loss as named terms, through real trainings of a bag-of-embeddings student on the SST-2 slice. */
class LossTermsTest {

    private static TrainingConfig config() {
        return TrainingConfig.builder().epochs(2).batchSize(64).learningRate(2e-3f).temperature(2f).alpha(0.7f)
                .seed(11).patience(0).threads(1).progressIntervalSeconds(60).build();
    }

    @Test
    void eachEpochRecordsItsTermsWhoseWeightedMeansSumToTheLoss() {
        TransferSet data = Sst2Fixture.transferSet();
        List<String> lines = new ArrayList<>();
        try (TrainedStudent trained = new DistillationTrainer(config(), lines::add)
                .train(Sst2Fixture.design(Architecture.BAG_OF_EMBEDDINGS), Sst2Fixture.trainHead(640), data.dev())) {
            for (EpochSummary epoch : trained.history().epochs()) {
                List<LossTermValue> terms = epoch.lossTerms();
                assertEquals(List.of("soft", "hard"), terms.stream().map(LossTermValue::name).toList());
                assertEquals(0.7f, terms.get(0).weight());
                assertEquals(1f - 0.7f, terms.get(1).weight());
                assertTrue(terms.get(0).value() > 0 && terms.get(1).value() > 0, terms.toString());
                double weighted = terms.stream().mapToDouble(LossTermValue::weighted).sum();
                assertEquals(epoch.trainLoss(), weighted, 1e-5 * epoch.trainLoss(), "epoch " + epoch.epoch());
            }
            assertTrue(lines.stream().anyMatch(l -> l.matches(
                    "epoch 2: train loss [0-9.]+ \\(soft [0-9.]+ x 0\\.7, hard [0-9.]+ x 0\\.3\\d*\\), dev accuracy .*")),
                    "no epoch line with the terms in " + lines);
        }
    }

    @Test
    void aTermReadsTheTeacherSignalItDeclaresThroughTheTrainer() {
        TokenizedExamples head = Sst2Fixture.trainHead(320);
        FloatTensor[] pooled = new FloatTensor[head.size()];
        Arrays.fill(pooled, new FloatTensor(new long[] {2}, new float[] {3f, -3f}));
        TokenizedExamples withSignal = new TokenizedExamples(head.tokenIds(), head.labels(), head.teacherLogits(),
                Map.of(Signal.POOLED, pooled));
        DistillationLoss loss = new DistillationLoss(List.of(new SoftTargetTerm(0.5f, SoftLoss.KL),
                new TeacherPooledSquare(0.25f), new GoldLabelTerm(0.5f)));
        assertEquals(Set.of(Signal.LOGITS, Signal.POOLED), loss.teacherSignals());

        TrainingConfig config = config().toBuilder().epochs(1).build();
        try (TrainedStudent trained = new DistillationTrainer(config, loss, line -> { })
                .train(Sst2Fixture.design(Architecture.BAG_OF_EMBEDDINGS), withSignal, null)) {
            EpochSummary epoch = trained.history().epochs().get(0);
            assertEquals(List.of("soft", "pooled-square", "hard"),
                    epoch.lossTerms().stream().map(LossTermValue::name).toList());
            assertEquals(9.0, epoch.lossTerms().get(1).value(), 1e-6, "the mean square of the teacher's [3, -3]");
            assertEquals(epoch.trainLoss(), epoch.lossTerms().stream().mapToDouble(LossTermValue::weighted).sum(),
                    1e-5 * epoch.trainLoss());
        }

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new DistillationTrainer(config, loss, line -> { })
                        .train(Sst2Fixture.design(Architecture.BAG_OF_EMBEDDINGS), head, null));
        assertTrue(missing.getMessage().startsWith("the training data has no teacher signal 'pooled'"),
                missing.getMessage());
    }

    /** A term that reads the teacher's pooled signal (and the student's, to show it has one). */
    private static final class TeacherPooledSquare implements LossTerm {
        private final float weight;

        TeacherPooledSquare(float weight) {
            this.weight = weight;
        }

        @Override
        public String name() {
            return "pooled-square";
        }

        @Override
        public float weight() {
            return weight;
        }

        @Override
        public Set<Signal> signals() {
            return Set.of(Signal.POOLED);
        }

        @Override
        public NDArray compute(LossBatch batch) {
            NDArray student = batch.student().signal(Signal.POOLED);
            assertEquals(batch.labels().getShape().get(0), student.getShape().get(0), "one student vector per row");
            return batch.teacher(Signal.POOLED).square().mean();
        }
    }
}
