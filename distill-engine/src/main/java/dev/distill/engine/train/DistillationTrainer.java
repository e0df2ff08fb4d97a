package dev.distill.engine.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.distill.engine.data.TokenizedExamples;
import dev.distill.engine.signal.Signal;
import dev.distill.runtime.FloatTensor;
import dev.distill.engine.student.Student;
import dev.distill.engine.student.StudentOutputs;
import dev.distill.engine.student.TokenIdBatch;
import dev.distill.engine.student.StudentDesign;
import dev.distill.engine.teacher.LayerTeacher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Trains a student on tokenized examples with the {@link DistillationLoss}: AdamW ({@link InPlaceAdamW}: DJL's formula,
 * which decays weights decoupled from the gradient) under a linear warm-up then linear decay, global-norm
 * gradient clipping, length-bucketed batches, and early stopping on dev accuracy that keeps the best
 * epoch's parameters.
 *
 * <p>With the same seed on the CPU, two trainings give bitwise identical parameters: the seed drives
 * PyTorch's generator (initialization, dropout; only its low 32 bits, as DJL takes an int) and the
 * batch order.
 *
 * <p>A step whose loss or gradients are not finite is skipped (the parameters stay as they were), as
 * PyTorch's GradScaler does: one bad batch should not end a long build. {@value #MAX_CONSECUTIVE_SKIPS}
 * skipped steps in a row mean the training itself diverged, and it stops with an error.
 *
 * <p>A loss whose terms compare the student's layers with the teacher's ({@link DistillationLoss#layerSignals()})
 * reads them from a {@link LayerTeacher} run on each batch's token rows, and asks the student for its own; the
 * teacher's time is logged per epoch.
 *
 * <p>One training at a time per JVM: DJL's PyTorch engine allows a single gradient collector.
 */
public final class DistillationTrainer {

    /** Non-finite steps in a row after which training stops as diverged. */
    static final int MAX_CONSECUTIVE_SKIPS = 5;

    private final TrainingConfig config;
    private final DistillationLoss loss;
    private final Consumer<String> progress;
    /** The teacher run beside the training for the layer terms; null when the loss has none. */
    private final LayerTeacher layerTeacher;

    /**
     * @param config the settings
     * @param progress receives a progress line every {@link TrainingConfig#progressIntervalSeconds()}
     *     and a summary line per epoch
     */
    public DistillationTrainer(TrainingConfig config, Consumer<String> progress) {
        this(config, DistillationLoss.of(config), progress);
    }

    /**
     * A trainer with a loss of its own terms instead of the configuration's alpha and soft loss.
     *
     * @param loss the loss; its teacher signals must be in the training examples
     */
    public DistillationTrainer(TrainingConfig config, DistillationLoss loss, Consumer<String> progress) {
        this(config, loss, null, progress);
    }

    /**
     * A trainer whose loss compares the student's layers with the teacher's ({@link DistillationLoss#layerSignals()}):
     * the teacher runs beside the training on each batch's token rows. The caller keeps and closes it.
     *
     * @param layerTeacher gives the layer signals of the loss; null when the loss reads none
     */
    public DistillationTrainer(TrainingConfig config, DistillationLoss loss, LayerTeacher layerTeacher,
            Consumer<String> progress) {
        this.config = Objects.requireNonNull(config, "config");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.layerTeacher = layerTeacher;
        Set<Signal> layerSignals = loss.layerSignals();
        if (!layerSignals.isEmpty() && (layerTeacher == null || !layerTeacher.signals().containsAll(layerSignals))) {
            throw new IllegalArgumentException("the loss " + loss.describe() + " compares the student's layers with"
                    + " the teacher's (" + layerSignals + "), which the teacher computes beside the training; give"
                    + " the trainer a LayerTeacher that gives them" + (layerTeacher == null ? ""
                            : " (this one gives " + layerTeacher.signals() + ")"));
        }
    }

    /**
     * Trains a new student.
     *
     * @param design the student's architecture, settings and sizes
     * @param train training examples; with teacher logits unless alpha is 0
     * @param dev labeled examples for early stopping, or null to keep the last epoch
     * @return the trained student (close it when done)
     * @throws IllegalArgumentException when the examples do not fit the student or the loss
     * @throws IllegalStateException when the GPU is requested but none is usable
     * @throws TrainingDivergedException when the loss or the gradients turn NaN or infinite
     */
    public TrainedStudent train(StudentDesign<?> design, TokenizedExamples train, TokenizedExamples dev) {
        ExampleChecks.check("training data", train, design.sizes(), !loss.transferSetSignals().isEmpty());
        if (dev != null) {
            ExampleChecks.checkDev(dev, design.sizes());
        }
        Engine engine = TorchRuntime.start(config.threads());
        Device device = TorchRuntime.resolve(config.device(), engine);
        engine.setRandomSeed((int) config.seed());
        NDManager manager = NDManager.newBaseManager(device, engine.getEngineName());
        try {
            Student student = design.create(config.dropout());
            FloatTensor[] teacherPooled = train.teacherSignals().get(Signal.POOLED);
            if (loss.teacherSignals().contains(Signal.POOLED) && teacherPooled != null && teacherPooled.length > 0) {
                student.adaptPooledTo(Math.toIntExact(teacherPooled[0].shape()[0]));
            }
            student.initialize(manager, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
            if (design.embeddings() != null) {
                student.loadEmbeddings(design.embeddings());
            }
            if (design.weights() != null) {
                student.loadWeights(design.weights());
            }
            TrainingHistory history = run(manager, student, loss, train, dev);
            return new TrainedStudent(manager, student, history, config.batchSize());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private TrainingHistory run(NDManager manager, Student student, DistillationLoss loss,
            TokenizedExamples train, TokenizedExamples dev) {
        int stepsPerEpoch = LengthBucketedBatches.count(train.size(), config.batchSize());
        int totalSteps = stepsPerEpoch * config.epochs();
        int accumulation = config.accumulationSteps();
        // The learning-rate schedule counts optimizer steps: one per group of `accumulation` batches.
        int updatesPerEpoch = (stepsPerEpoch + accumulation - 1) / accumulation;
        TemperatureSchedule temperature = config.temperatureSchedule(totalSteps);
        // InPlaceAdamW: DJL's AdamW math without its table-sized temporaries, which made the update 3x slower than
        // PyTorch's for a large embedding table (issue #14).
        ParameterUpdate update = new ParameterUpdate(new InPlaceAdamW(new WarmupLinearDecay(config.learningRate(),
                config.warmupFraction(), updatesPerEpoch * config.epochs()), config.weightDecay()),
                config.gradientClip());
        ParameterStore parameterStore = new ParameterStore(manager, false);
        ProgressMeter meter = new ProgressMeter(progress, config.progressIntervalSeconds(), totalSteps);
        ThreadCliffGuard threads = new ThreadCliffGuard(config.threads(), config.adaptiveThreads(),
                TorchRuntime::setThreads, System::nanoTime, progress, "tokens");
        int[] lengths = lengths(train.tokenIds());
        EpochBatchPlan plan = new EpochBatchPlan(config.seed());
        List<EpochSummary> epochs = new ArrayList<>();
        int step = 0;
        int skipped = 0;
        int skippedInARow = 0;
        boolean stoppedEarly = false;
        try (BestEpoch best = new BestEpoch(manager, student, config.patience())) {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                long start = System.nanoTime();
                double teacherStart = layerTeacher == null ? 0 : layerTeacher.seconds();
                double lossSum = 0;
                double[] termSums = new double[loss.weightedTerms().size()];
                int lossCount = 0;
                List<int[]> batches = plan.nextEpoch(lengths, config.batchSize());
                threads.resume(); // the dev evaluation between epochs is not training time
                for (int b = 0; b < batches.size(); b++) {
                    int[] batch = batches.get(b);
                    float t = temperature.at(step);
                    step++;
                    // Gradients of a group of batches add up (PyTorch accumulates them until the update zeroes
                    // them); each batch's loss is divided by its group's size, so a step sees their mean.
                    int groupStart = b / accumulation * accumulation;
                    int groupSize = Math.min(accumulation, batches.size() - groupStart);
                    boolean lastOfGroup = b == groupStart + groupSize - 1;
                    StepLoss stepLoss = trainStep(manager, parameterStore, student, loss, train, batch, t,
                            1f / groupSize);
                    float batchLoss = stepLoss.total();
                    float norm = !Float.isFinite(batchLoss) ? Float.NaN
                            : lastOfGroup ? update.step(student, manager) : 0f;
                    if (!Float.isFinite(batchLoss) || !Float.isFinite(norm)) {
                        String what = Float.isFinite(batchLoss) ? "gradient norm" : "loss";
                        float value = Float.isFinite(batchLoss) ? norm : batchLoss;
                        skipped++;
                        if (lastOfGroup && !Float.isFinite(batchLoss)) {
                            update.discard(student); // the group's earlier batches must not leak into the next
                        }
                        if (++skippedInARow >= MAX_CONSECUTIVE_SKIPS) {
                            throw diverged(what, value, epoch, step);
                        }
                        progress.accept(String.format(Locale.ROOT,
                                "skipped step %d of epoch %d: the %s is %s (the parameters are unchanged)",
                                step, epoch, what, value));
                        continue;
                    }
                    skippedInARow = 0;
                    lossSum += batchLoss;
                    for (int k = 0; k < termSums.length; k++) {
                        termSums[k] += stepLoss.terms()[k];
                    }
                    lossCount++;
                    meter.stepDone(epoch, config.epochs(), step, batch.length, batchLoss);
                    threads.batchDone(paddedTokens(batch, lengths));
                }
                double trainSeconds = (System.nanoTime() - start) / 1e9;
                double accuracy = dev == null ? Double.NaN
                        : TrainedStudent.accuracy(TrainedStudent.logits(manager, student, dev.tokenIds(),
                                config.batchSize()), dev.labels());
                EpochSummary summary = new EpochSummary(epoch, lossSum / Math.max(lossCount, 1), accuracy,
                        (System.nanoTime() - start) / 1e9, train.size() / trainSeconds,
                        termValues(loss, termSums, lossCount));
                epochs.add(summary);
                progress.accept(describe(summary));
                if (!loss.layerSignals().isEmpty()) {
                    progress.accept(String.format(Locale.ROOT, "epoch %d: the teacher ran beside the training for"
                            + " %.1f s of the epoch's %.1f s (its %s for %d texts)", epoch,
                            layerTeacher.seconds() - teacherStart, trainSeconds, loss.layerSignals(), train.size()));
                }
                if (best.stopAfter(epoch, accuracy, dev != null)) {
                    stoppedEarly = epoch < config.epochs();
                    break;
                }
            }
            if (skipped > 0) {
                progress.accept(String.format(Locale.ROOT, "skipped %d of %d steps whose loss or gradients were "
                        + "not finite", skipped, step));
            }
            best.restore(epochs.size(), progress);
            return new TrainingHistory(epochs, best.epoch(), stoppedEarly);
        }
    }

    /** A batch's work: its rows times the length they are padded to. */
    private static long paddedTokens(int[] batch, int[] lengths) {
        int longest = 0;
        for (int i : batch) {
            longest = Math.max(longest, lengths[i]);
        }
        return (long) batch.length * longest;
    }

    /** The loss of a step and the unweighted value of each computed term, in the loss's order. */
    private record StepLoss(float total, float[] terms) {}

    /** Forward, loss and backward of one batch; returns the loss. */
    private StepLoss trainStep(NDManager manager, ParameterStore parameterStore, Student student,
            DistillationLoss loss, TokenizedExamples train, int[] batch, float temperature, float gradientScale) {
        try (NDManager scope = manager.newSubManager()) {
            int[][] rows = new int[batch.length][];
            long[] labels = new long[batch.length];
            Set<Signal> transferSignals = loss.transferSetSignals();
            float[][] teacher = transferSignals.isEmpty() ? null : new float[batch.length][];
            for (int i = 0; i < batch.length; i++) {
                rows[i] = train.tokenIds()[batch[i]];
                labels[i] = train.labels()[batch[i]];
                if (teacher != null) {
                    teacher[i] = train.teacherLogits()[batch[i]];
                }
            }
            NDList inputs = TokenIdBatch.of(rows).toNDList(scope);
            NDArray gold = scope.create(labels);
            Map<Signal, NDArray> teacherSignals = new HashMap<>(teacher == null ? Map.of()
                    : TeacherBatches.signals(scope, train, batch, transferSignals, teacher));
            Set<Signal> layerSignals = loss.layerSignals();
            if (!layerSignals.isEmpty()) {
                teacherSignals.putAll(TeacherBatches.arrays(scope, layerTeacher.outputs(rows, layerSignals)));
            }
            try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
                StudentOutputs outputs = student.outputs(parameterStore, inputs, true, layerSignals);
                LossValue value = loss.compute(new LossBatch(outputs, gold, teacherSignals, temperature,
                        inputs.get(1)));
                float result = value.total().getFloat();
                float[] terms = new float[value.terms().size()];
                int k = 0;
                for (NDArray term : value.terms().values()) {
                    terms[k++] = term.getFloat();
                }
                if (Float.isFinite(result)) {
                    collector.backward(gradientScale == 1f ? value.total() : value.total().mul(gradientScale));
                }
                return new StepLoss(result, terms);
            }
        }
    }

    private TrainingDivergedException diverged(String what, float value, int epoch, int step) {
        return new TrainingDivergedException(String.format(Locale.ROOT,
                "training diverged: the %s is %s at epoch %d, step %d (and was not finite in the %d steps before "
                        + "it either; learning rate %s, alpha %s). Try a smaller learningRate, a gradientClip "
                        + "such as 1.0, and check the teacher logits for NaN or huge values.",
                what, value, epoch, step, MAX_CONSECUTIVE_SKIPS - 1, config.learningRate(), config.alpha()));
    }

    /** Each weighted term's mean over the epoch's steps, in the loss's order, for the epoch's summary. */
    static List<LossTermValue> termValues(DistillationLoss loss, double[] termSums, int steps) {
        List<LossTermValue> values = new ArrayList<>();
        List<LossTerm> terms = loss.weightedTerms();
        for (int k = 0; k < terms.size(); k++) {
            values.add(new LossTermValue(terms.get(k).name(), terms.get(k).weight(), termSums[k] / Math.max(steps, 1)));
        }
        return values;
    }

    private static String describe(EpochSummary s) {
        StringBuilder terms = new StringBuilder();
        for (LossTermValue term : s.lossTerms()) {
            terms.append(terms.length() == 0 ? " (" : ", ")
                    .append(String.format(Locale.ROOT, "%s %.4f x %s", term.name(), term.value(), term.weight()));
        }
        if (terms.length() > 0) {
            terms.append(')');
        }
        return String.format(Locale.ROOT, "epoch %d: train loss %.4f%s, dev accuracy %.4f, %.1f s, %.0f texts/s",
                s.epoch(), s.trainLoss(), terms, s.devAccuracy(), s.seconds(), s.textsPerSecond());
    }

    private static int[] lengths(int[][] rows) {
        int[] lengths = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            lengths[i] = rows[i].length;
        }
        return lengths;
    }
}
