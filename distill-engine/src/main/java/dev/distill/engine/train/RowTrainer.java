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
import dev.distill.engine.student.RowStudent;
import dev.distill.engine.teacher.Logits;
import dev.distill.engine.teacher.TeacherRows;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Trains a {@link RowStudent} (the tabular MLP, the image CNN) on rows of floats with the distillation loss of the
 * configuration ({@link DistillationLoss}: the soft targets at the temperature with weight alpha, the gold labels
 * with 1 - alpha), AdamW with warm-up and linear decay, gradient clipping, and the epoch of best dev accuracy kept,
 * as {@link DistillationTrainer} trains a text student. Rows are shuffled per epoch with the seed; there is no
 * padding, so batches are plain slices. A {@link RowAugmentation} (an image's random crop and flip) changes each
 * training batch's rows before the student sees them; the {@link SoftTargets} give the teacher's logits of the rows
 * the student sees (fixed per row, or the teacher run on the augmented batch).
 */
public final class RowTrainer {
    private final TrainingConfig config;
    private final Consumer<String> progress;
    private final RowAugmentation augmentation;
    private final Function<Float, LossTerm> hiddenTerm;

    /** @param progress receives one line per epoch */
    public RowTrainer(TrainingConfig config, Consumer<String> progress) {
        this(config, progress, RowAugmentation.NONE);
    }

    /**
     * @param progress receives one line per epoch
     * @param augmentation what each training batch's rows go through (drawn with the seed)
     */
    public RowTrainer(TrainingConfig config, Consumer<String> progress, RowAugmentation augmentation) {
        this(config, progress, augmentation, SentenceVectorTerm::new);
    }

    /**
     * @param progress receives one line per epoch
     * @param augmentation what each training batch's rows go through (drawn with the seed)
     * @param hiddenTerm the term {@code hiddenWeight} weighs, given the weight: the student's and the teacher's
     *     sentence vectors ({@link SentenceVectorTerm}), or an image student's feature maps ({@link FeatureMapTerm})
     */
    public RowTrainer(TrainingConfig config, Consumer<String> progress, RowAugmentation augmentation,
            Function<Float, LossTerm> hiddenTerm) {
        this.config = Objects.requireNonNull(config, "config");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.augmentation = Objects.requireNonNull(augmentation, "augmentation");
        this.hiddenTerm = Objects.requireNonNull(hiddenTerm, "hiddenTerm");
    }

    /**
     * Trains {@code student} (uninitialized) on the teacher's logits of each (unaugmented) training row.
     *
     * @param train the training rows
     * @param teacherLogits the teacher's logits of each training row
     * @param dev labelled rows for early stopping
     * @return the trained student (close it when done)
     * @throws TrainingDivergedException when the loss turns NaN or infinite
     */
    public TrainedRowStudent train(RowStudent student, TabularRows train, float[][] teacherLogits,
            TabularRows dev) {
        if (teacherLogits.length != train.size()) {
            throw new IllegalArgumentException(train.size() + " training rows but " + teacherLogits.length
                    + " rows of teacher logits");
        }
        return train(student, train, SoftTargets.fixed(teacherLogits), dev);
    }

    /**
     * Trains {@code student} (uninitialized) with the soft targets {@code teacher} gives for each batch.
     *
     * @return the trained student (close it when done)
     * @throws TrainingDivergedException when the loss turns NaN or infinite
     */
    public TrainedRowStudent train(RowStudent student, TabularRows train, SoftTargets teacher, TabularRows dev) {
        Engine engine = TorchRuntime.start(config.threads());
        engine.setRandomSeed((int) config.seed());
        NDManager manager = NDManager.newBaseManager(TorchRuntime.resolve(config.device(), engine),
                engine.getEngineName());
        try {
            long[] example = student.exampleShape().getShape();
            long[] one = new long[example.length + 1];
            one[0] = 1;
            System.arraycopy(example, 0, one, 1, example.length);
            student.initialize(manager, DataType.FLOAT32, new Shape(one));
            TrainingHistory history = run(manager, student, train, teacher, dev);
            return new TrainedRowStudent(manager, student, history, config.batchSize());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private TrainingHistory run(NDManager manager, RowStudent student, TabularRows train, SoftTargets teacher,
            TabularRows dev) {
        DistillationLoss loss = DistillationLoss.of(config, hiddenTerm);
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
        Random augment = new Random(config.seed() + 1);
        teacher.resetSeconds();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            order.add(i);
        }
        List<EpochSummary> epochs = new ArrayList<>();
        int step = 0;
        boolean stoppedEarly = false;
        // The same guard as the text trainer's: on shared cores two libtorch threads can train far slower than one
        // (an MLP build beside one single-threaded process: epochs of 250-300 s instead of 9-16 s).
        ThreadCliffGuard threads = new ThreadCliffGuard(config.threads(), config.adaptiveThreads(),
                TorchRuntime::setThreads, System::nanoTime, progress, "values");
        long valuesPerRow = Math.max(1, student.exampleShape().size());
        try (BestEpoch best = new BestEpoch(manager, student, config.patience())) {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                long start = System.nanoTime();
                Collections.shuffle(order, shuffle);
                double lossSum = 0;
                double[] termSums = new double[loss.weightedTerms().size()];
                threads.resume(); // the dev evaluation between epochs is not training time
                for (int b = 0; b < stepsPerEpoch; b++) {
                    int[] batch = order.subList(b * batchSize, Math.min(train.size(), (b + 1) * batchSize)).stream()
                            .mapToInt(Integer::intValue).toArray();
                    float[] terms = step(manager, store, student, loss, train, teacher, batch,
                            temperature.at(step++), augment);
                    float total = terms[terms.length - 1];
                    if (!Float.isFinite(total)) {
                        throw new TrainingDivergedException(String.format(Locale.ROOT, "training diverged: the loss"
                                + " is %s at epoch %d, step %d; try a smaller learningRate (now %s)", total, epoch,
                                step, config.learningRate()));
                    }
                    update.step(student, manager);
                    threads.batchDone(batch.length * valuesPerRow);
                    lossSum += total;
                    for (int k = 0; k < termSums.length; k++) {
                        termSums[k] += terms[k];
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double teacherSeconds = teacher.takeSeconds();
                double accuracy = Logits.accuracy(TrainedRowStudent.logits(manager, student, dev.features(),
                        batchSize), dev.labels());
                EpochSummary summary = new EpochSummary(epoch, lossSum / stepsPerEpoch, accuracy, seconds,
                        train.size() / seconds, DistillationTrainer.termValues(loss, termSums, stepsPerEpoch));
                epochs.add(summary);
                progress.accept(String.format(Locale.ROOT, "epoch %d: train loss %.4f, dev accuracy %.4f, %.1f s,"
                        + " %.0f rows/s", epoch, summary.trainLoss(), accuracy, seconds, summary.textsPerSecond())
                        + (teacherSeconds > 0 ? String.format(Locale.ROOT, "; the teacher ran beside the training"
                                + " for %.1f s of them", teacherSeconds) : ""));
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
    private float[] step(NDManager manager, ParameterStore store, RowStudent student, DistillationLoss loss,
            TabularRows train, SoftTargets teacher, int[] batch, float temperature, Random random) {
        try (NDManager scope = manager.newSubManager()) {
            float[][] rows = new float[batch.length][];
            long[] gold = new long[batch.length];
            for (int i = 0; i < batch.length; i++) {
                rows[i] = train.features()[batch[i]];
                gold[i] = train.labels()[batch[i]];
            }
            rows = augmentation.apply(rows, random);
            TeacherRows soft = teacher.of(batch, rows);
            Map<Signal, NDArray> signals = new LinkedHashMap<>(TeacherBatches.arrays(scope, soft.signals()));
            signals.put(Signal.LOGITS, scope.create(soft.logits()));
            try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
                StudentOutputs outputs = student.outputs(store, student.batch(rows).toNDList(scope), true);
                LossValue value = loss.compute(new LossBatch(outputs, scope.create(gold), signals, temperature));
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
