package dev.distill.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.tracker.Tracker;
import dev.distill.annotations.Architecture;
import dev.distill.annotations.Embeddings;
import dev.distill.annotations.Format;
import dev.distill.engine.data.LabelSet;
import dev.distill.engine.data.TextDataset;
import dev.distill.engine.data.TokenizedExamples;
import dev.distill.engine.data.TransferSetBuilder;
import dev.distill.engine.export.VocabularyPruning;
import dev.distill.engine.signal.Signal;
import dev.distill.engine.student.Student;
import dev.distill.engine.student.StudentArchitectures;
import dev.distill.engine.student.StudentDesign;
import dev.distill.engine.student.StudentOutputs;
import dev.distill.engine.student.StudentPlan;
import dev.distill.engine.student.TeacherLayers;
import dev.distill.engine.student.TokenIdBatch;
import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.engine.teacher.OnnxLayerTeacher;
import dev.distill.runtime.TextEncoder;
import dev.distill.runtime.data.BadRows;
import dev.distill.runtime.data.TextFileReader;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a student's training step spends its time (issues #14, #15). With {@code -Dstudent=TRANSFORMER} (the default) a
 * 3-layer student cut from the teacher's layers 2, 4, 6, trained on real SST-2 batches with the loss the engine gives a cut student (soft KD, hard CE, the
 * layer-state and attention terms, the teacher run beside the training by {@link OnnxLayerTeacher}), the step of
 * {@link DistillationTrainer} taken apart and timed with {@link System#nanoTime()}: batch arrays, teacher beside,
 * forward, loss, backward, optimizer update (clipping, AdamW, zeroed gradients). Then the trainer itself runs one
 * epoch over the same rows, for the end-to-end figure. Not a test: speed is never asserted; compare it with
 * {@code bench/peer/transformer_peer.py} run back to back on the same machine. With {@code -Dstudent=BILSTM} (or
 * CNN, BAG_OF_EMBEDDINGS) the example's student (embedding 128, hidden 256, random embeddings) with soft KD and hard
 * CE only. The table trains only the rows of the texts' tokens, as in a build that prunes the vocabulary (the
 * default); {@code -DtrainedRows=false} trains all of them.
 *
 * <p>The soft term's teacher logits are the gold labels as ±2 logits: their values do not change the step's cost,
 * and a classifier teacher over the whole set would only add start-up time.
 *
 * <p>Run (after {@code mvn -o -q -pl distill-engine -am test-compile}), from distill-engine:
 * <pre>
 * mvn -o -q -B -ntp exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.distill.engine.train.StudentStepBenchmark \
 *     -Dexec.args="[train.tsv [teacher model.onnx [steps [threads [rows]]]]]"
 * </pre>
 * or with {@code java -cp} over {@code target/test-classes:target/classes} and the test class path
 * ({@code mvn dependency:build-classpath -Dmdep.includeScope=test}). Defaults: testdata/sst2/train.tsv, the
 * langchain4j MiniLM-L6 encoder, 60 timed steps after 5 warm-up steps, 1 thread, 4000 rows. A teacher folder that
 * holds {@code tokenizer.json} (as /work/shared/teachers/sst2-minilm) tokenizes with it.
 */
public final class StudentStepBenchmark {

    private static final int MAX_LENGTH = 64;
    private static final int BATCH = 64;
    private static final int WARMUP_STEPS = 5;
    private static final int[] TEACHER_LAYERS = {2, 4, 6};

    private StudentStepBenchmark() {}

    public static void main(String[] args) {
        Path tsv = args.length > 0 ? Path.of(args[0]) : EngineFixtures.testdata().resolve("sst2/train.tsv");
        Path model = args.length > 1 ? Path.of(args[1]) : EngineFixtures.encoder();
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        int rows = args.length > 4 ? Integer.parseInt(args[4]) : 4000;
        Path folderTokenizer = model.resolveSibling("tokenizer.json");
        Path tokenizer = folderTokenizer.toFile().isFile() ? folderTokenizer : EngineFixtures.tokenizer();

        TextDataset texts = read(tsv);
        int[] first = new int[Math.min(rows, texts.size())];
        Arrays.setAll(first, i -> i);
        texts = texts.select(first);
        int[][] tokens;
        int vocabulary;
        VocabularyPruning pruning;
        try (TextEncoder encoder = TextEncoder.load(tokenizer, MAX_LENGTH)) {
            tokens = TransferSetBuilder.tokenize(encoder, texts.texts());
            vocabulary = encoder.vocabularySize();
            pruning = VocabularyPruning.of(encoder);
        }
        int[] labels = texts.labels();
        float[][] logits = new float[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            logits[i] = labels[i] == 1 ? new float[] {-2f, 2f} : new float[] {2f, -2f};
        }
        TokenizedExamples train = new TokenizedExamples(tokens, labels, logits);

        TorchRuntime.start(threads);
        TeacherLayers teacher = TeacherLayers.of(model);
        Architecture architecture = Architecture.valueOf(System.getProperty("student", "TRANSFORMER"));
        boolean cut = architecture == Architecture.TRANSFORMER;
        StudentPlan plan = cut
                ? new StudentPlan(Architecture.TRANSFORMER, 384, 1536, new int[] {3}, 0, TEACHER_LAYERS, 12,
                        MAX_LENGTH, Embeddings.AUTO)
                : new StudentPlan(architecture, 128, 256, new int[] {3, 4, 5}, 0, 0, MAX_LENGTH, Embeddings.RANDOM);
        StudentDesign<?> design = StudentArchitectures.design(plan, teacher, vocabulary, 2, line -> { });
        // -DtrainedRows=false trains every row of the table, as a build with pruneVocabulary = false does.
        if (Boolean.parseBoolean(System.getProperty("trainedRows", "true"))) {
            design = design.withTrainedRows(pruning.trainedRows(vocabulary, List.of(train)));
        }
        TrainingConfig config = TrainingConfig.builder().epochs(1).batchSize(BATCH).alpha(0.5f)
                .layerWeight(cut ? 1f : 0f).attentionWeight(cut ? 1f : 0f).hiddenWeight(0f)
                .threads(threads).adaptiveThreads(false).patience(0)
                .progressIntervalSeconds(600).seed(7).build();
        DistillationLoss loss = DistillationLoss.of(config);
        System.out.printf(Locale.ROOT, "%s: %d texts of %s, teacher %s, loss %s, %d thread(s), embedding rows %s%n",
                architecture, train.size(), tsv, model, loss.describe(), threads,
                design.trainedRows() == null ? "all " + vocabulary : design.trainedRows().describe());

        // Only a cut student's loss has layer terms, and so a teacher beside the training.
        try (OnnxLayerTeacher beside = !cut ? null : OnnxLayerTeacher.open(teacher.model(),
                teacher.weights("TRANSFORMER"), TEACHER_LAYERS, loss.layerSignals(), threads)) {
            breakdown(design, loss, beside, train, config, steps);
            long start = System.nanoTime();
            try (TrainedStudent trained = new DistillationTrainer(config, loss, beside, line -> { })
                    .train(design, train, null)) {
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "trainer: one epoch of %d texts: %.1f texts/s (%.1f s with start)%n",
                        train.size(), trained.history().epochs().get(0).textsPerSecond(), seconds);
            }
        }
    }

    /** The trainer's step, part by part, over the epoch's first batches. */
    private static void breakdown(StudentDesign<?> design, DistillationLoss loss, OnnxLayerTeacher beside,
            TokenizedExamples train, TrainingConfig config, int steps) {
        String[] parts = {"batch arrays", "teacher beside", "forward", "loss", "backward", "update"};
        long[] nanos = new long[parts.length];
        long texts = 0;
        long tokens = 0;
        int[] lengths = new int[train.size()];
        Arrays.setAll(lengths, i -> train.tokenIds()[i].length);
        List<int[]> batches = new EpochBatchPlan(config.seed()).nextEpoch(lengths, config.batchSize());
        writeBatches(train, batches, WARMUP_STEPS + steps);
        Set<Signal> layerSignals = loss.layerSignals();
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Student student = design.create(config.dropout());
            student.initialize(manager, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
            if (design.embeddings() != null) {
                student.loadEmbeddings(design.embeddings());
            }
            if (design.weights() != null) {
                student.loadWeights(design.weights());
            }
            ParameterUpdate update = new ParameterUpdate(new InPlaceAdamW(Tracker.fixed(config.learningRate()),
                    config.weightDecay()), config.gradientClip());
            ParameterStore parameterStore = new ParameterStore(manager, false);
            for (int s = 0; s < WARMUP_STEPS + steps; s++) {
                int[] batch = batches.get(s % batches.size());
                boolean timed = s >= WARMUP_STEPS;
                long[] at = new long[parts.length + 1];
                try (NDManager scope = manager.newSubManager()) {
                    at[0] = System.nanoTime();
                    int[][] rows = new int[batch.length][];
                    long[] gold = new long[batch.length];
                    float[][] teacherLogits = new float[batch.length][];
                    for (int i = 0; i < batch.length; i++) {
                        rows[i] = train.tokenIds()[batch[i]];
                        gold[i] = train.labels()[batch[i]];
                        teacherLogits[i] = train.teacherLogits()[batch[i]];
                    }
                    NDList inputs = TokenIdBatch.of(rows).toNDList(scope);
                    NDArray labels = scope.create(gold);
                    Map<Signal, NDArray> teacherSignals = new HashMap<>(TeacherBatches.signals(scope, train, batch,
                            loss.transferSetSignals(), teacherLogits));
                    at[1] = System.nanoTime();
                    if (beside != null) {
                        teacherSignals.putAll(TeacherBatches.arrays(scope, beside.outputs(rows, layerSignals)));
                    }
                    at[2] = System.nanoTime();
                    try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
                        StudentOutputs outputs = student.outputs(parameterStore, inputs, true, layerSignals);
                        at[3] = System.nanoTime();
                        LossValue value = loss.compute(new LossBatch(outputs, labels, teacherSignals, 1f,
                                inputs.get(1)));
                        float total = value.total().getFloat();
                        for (NDArray term : value.terms().values()) {
                            term.getFloat();
                        }
                        at[4] = System.nanoTime();
                        if (!Float.isFinite(total)) {
                            throw new IllegalStateException("the loss is " + total + " at step " + s);
                        }
                        collector.backward(value.total());
                        at[5] = System.nanoTime();
                    }
                    update.step(student, manager);
                    at[6] = System.nanoTime();
                    if (timed) {
                        for (int p = 0; p < parts.length; p++) {
                            nanos[p] += at[p + 1] - at[p];
                        }
                        texts += batch.length;
                        tokens += (long) batch.length * inputs.get(0).getShape().get(1);
                    }
                }
            }
        }
        long all = Arrays.stream(nanos).sum();
        System.out.printf(Locale.ROOT, "step breakdown over %d steps (%d texts, mean padded length %.1f): %.1f texts/s"
                + " (%.1f without the teacher)%n", steps, texts, tokens / (double) texts, texts / (all / 1e9),
                texts / ((all - nanos[1]) / 1e9));
        for (int p = 0; p < parts.length; p++) {
            System.out.printf(Locale.ROOT, "  %-15s %7.1f ms/step  %5.1f%%%n", parts[p], nanos[p] / 1e6 / steps,
                    100.0 * nanos[p] / all);
        }
    }

    /**
     * The steps' token rows and labels as JSON ({@code {"batches": [{"ids": [[...]], "labels": [...]}]}}), for the
     * PyTorch reference to train on the very same batches: {@code target/transformer-batches.json}.
     */
    private static void writeBatches(TokenizedExamples train, List<int[]> batches, int count) {
        JsonArray list = new JsonArray();
        for (int s = 0; s < count; s++) {
            JsonArray ids = new JsonArray();
            JsonArray labels = new JsonArray();
            for (int i : batches.get(s % batches.size())) {
                JsonArray row = new JsonArray();
                Arrays.stream(train.tokenIds()[i]).forEach(row::add);
                ids.add(row);
                labels.add(train.labels()[i]);
            }
            JsonObject batch = new JsonObject();
            batch.add("ids", ids);
            batch.add("labels", labels);
            list.add(batch);
        }
        JsonObject file = new JsonObject();
        file.addProperty("warmup", WARMUP_STEPS);
        file.add("batches", list);
        Path out = EngineFixtures.targetDir("bench").resolve("transformer-batches.json");
        try {
            Files.writeString(out, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
        System.out.println("batches for bench/peer/transformer_peer.py: " + out);
    }

    private static TextDataset read(Path tsv) {
        return LabelSet.of(EngineFixtures.SST2_LABELS).index(tsv,
                new TextFileReader("sentence", "label").read(tsv, Format.AUTO, BadRows.failFast()),
                BadRows.failFast());
    }
}
