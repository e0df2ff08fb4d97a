package dev.distill.engine.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.AdamW;
import dev.distill.engine.data.TabularRows;
import dev.distill.engine.signal.Signal;
import dev.distill.engine.student.StudentOutputs;
import dev.distill.engine.student.mlp.FeatureRowBatch;
import dev.distill.engine.student.mlp.MlpStudent;
import dev.distill.engine.teacher.Logits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains an MLP student on tabular rows with the distillation loss of the configuration ({@link DistillationLoss}:
 * the soft targets at the temperature with weight alpha, the gold labels with 1 - alpha), AdamW with warm-up and
 * linear decay, gradient clipping, and the epoch of best dev accuracy kept, as {@link DistillationTrainer} trains a
 * text student. Rows are shuffled per epoch with the seed; there is no padding, so batches are plain slices.
 */
public final class TabularTrainer {
    private final TrainingConfig config;
    private final Consumer<String> progress;

    /** @param progress receives one line per epoch */
    public TabularTrainer(TrainingConfig config, Consumer<String> progress) {
        this.config = Objects.requireNonNull(config, "config");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Trains {@code student} (uninitialized).
     *
     * @param train the training rows
     * @param teacherLogits the teacher's logits of each training row
     * @param dev labelled rows for early stopping
     * @return the trained student (close it when done)
     * @throws TrainingDivergedException when the loss turns NaN or infinite
     */
    public TrainedTabularStudent train(MlpStudent student, TabularRows train, float[][] teacherLogits,
            TabularRows dev) {
        if (teacherLogits.length != train.size()) {
            throw new IllegalArgumentException(train.size() + " training rows but " + teacherLogits.length
                    + " rows of teacher logits");
        }
        Engine engine = TorchRuntime.start(config.threads());
        engine.setRandomSeed((int) config.seed());
        NDManager manager = NDManager.newBaseManager(TorchRuntime.resolve(config.device(), engine),
                engine.getEngineName());
        try {
            student.initialize(manager, DataType.FLOAT32, new Shape(1, student.graph().features()));
            TrainingHistory history = run(manager, student, train, teacherLogits, dev);
            return new TrainedTabularStudent(manager, student, history, config.batchSize());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private TrainingHistory run(NDManager manager, MlpStudent student, TabularRows train, float[][] teacher,
            TabularRows dev) {
        DistillationLoss loss = DistillationLoss.of(config);
        int batchSize = config.batchSize();
        int stepsPerEpoch = (train.size() + batchSize - 1) / batchSize;
        int totalSteps = stepsPerEpoch * config.epochs();
        TemperatureSchedule temperature = config.temperatureSchedule(totalSteps);
        ParameterUpdate update = new ParameterUpdate(AdamW.builder()
                .optLearningRateTracker(new WarmupLinearDecay(config.learningRate(), config.warmupFraction(),
                        totalSteps))
                .optWeightDecays(config.weightDecay())
                .build(), config.gradientClip());
        ParameterStore store = new ParameterStore(manager, false);
        Random shuffle = new Random(config.seed());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            order.add(i);
        }
        List<EpochSummary> epochs = new ArrayList<>();
        int step = 0;
        boolean stoppedEarly = false;
        try (BestEpoch best = new BestEpoch(manager, student, config.patience())) {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                long start = System.nanoTime();
                Collections.shuffle(order, shuffle);
                double lossSum = 0;
                double[] termSums = new double[loss.weightedTerms().size()];
                for (int b = 0; b < stepsPerEpoch; b++) {
                    int[] batch = order.subList(b * batchSize, Math.min(train.size(), (b + 1) * batchSize)).stream()
                            .mapToInt(Integer::intValue).toArray();
                    float[] terms = step(manager, store, student, loss, train, teacher, batch,
                            temperature.at(step++));
                    float total = terms[terms.length - 1];
                    if (!Float.isFinite(total)) {
                        throw new TrainingDivergedException(String.format(Locale.ROOT, "training diverged: the loss"
                                + " is %s at epoch %d, step %d; try a smaller learningRate (now %s)", total, epoch,
                                step, config.learningRate()));
                    }
                    update.step(student, manager);
                    lossSum += total;
                    for (int k = 0; k < termSums.length; k++) {
                        termSums[k] += terms[k];
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double accuracy = Logits.accuracy(TrainedTabularStudent.logits(manager, student, dev.features(),
                        batchSize), dev.labels());
                EpochSummary summary = new EpochSummary(epoch, lossSum / stepsPerEpoch, accuracy, seconds,
                        train.size() / seconds, DistillationTrainer.termValues(loss, termSums, stepsPerEpoch));
                epochs.add(summary);
                progress.accept(String.format(Locale.ROOT, "epoch %d: train loss %.4f, dev accuracy %.4f, %.1f s,"
                        + " %.0f rows/s", epoch, summary.trainLoss(), accuracy, seconds, summary.textsPerSecond()));
                if (best.stopAfter(epoch, accuracy, true)) {
                    stoppedEarly = epoch < config.epochs();
                    break;
                }
            }
            best.restore(epochs.size(), progress);
            return new TrainingHistory(epochs, best.epoch(), stoppedEarly);
        }
    }

    /** Forward, loss and backward of one batch: each weighted term's value, then the total. */
    private static float[] step(NDManager manager, ParameterStore store, MlpStudent student, DistillationLoss loss,
            TabularRows train, float[][] teacher, int[] batch, float temperature) {
        try (NDManager scope = manager.newSubManager()) {
            float[][] rows = new float[batch.length][];
            float[][] soft = new float[batch.length][];
            long[] gold = new long[batch.length];
            for (int i = 0; i < batch.length; i++) {
                rows[i] = train.features()[batch[i]];
                soft[i] = teacher[batch[i]];
                gold[i] = train.labels()[batch[i]];
            }
            try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
                StudentOutputs outputs = student.outputs(store, new FeatureRowBatch(rows).toNDList(scope), true);
                LossValue value = loss.compute(new LossBatch(outputs, scope.create(gold),
                        Map.of(Signal.LOGITS, scope.create(soft)), temperature));
                float[] terms = new float[value.terms().size() + 1];
                int k = 0;
                for (NDArray term : value.terms().values()) {
                    terms[k++] = term.getFloat();
                }
                terms[k] = value.total().getFloat();
                if (Float.isFinite(terms[k])) {
                    collector.backward(value.total());
                }
                return terms;
            }
        }
    }
}
