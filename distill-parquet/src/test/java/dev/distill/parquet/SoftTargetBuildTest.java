package dev.distill.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.annotations.Architecture;
import dev.distill.annotations.Embeddings;
import dev.distill.annotations.Head;
import dev.distill.annotations.Quantization;
import dev.distill.engine.DistillationPlan;
import dev.distill.engine.Distiller;
import dev.distill.engine.augment.AugmentOptions;
import dev.distill.engine.data.DataSpec;
import dev.distill.engine.data.TeacherLabels;
import dev.distill.engine.data.TeacherSetup;
import dev.distill.engine.data.TransferSet;
import dev.distill.engine.data.TransferSetBuilder;
import dev.distill.engine.job.Thresholds;
import dev.distill.engine.signal.Signal;
import dev.distill.engine.softtargets.SoftTargets;
import dev.distill.engine.student.StudentPlan;
import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.engine.teacher.FixedEnsembleWeights;
import dev.distill.engine.teacher.ProgressListener;
import dev.distill.engine.teacher.SoftTargetCache;
import dev.distill.engine.teacher.SoftmaxRegression;
import dev.distill.engine.teacher.TeacherSpec;
import dev.distill.engine.train.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real builds with {@code data.softTargets}: the MiniLM probe classifier (a real teacher) on an SST-2 slice, with a
 * folder of soft targets written here by DuckDB for 60 other texts. The stored logits are deliberately not the
 * teacher's (every row a confident first label), so a build that used the teacher's own for them would be seen.
 */
class SoftTargetBuildTest {

    private static final int TRAIN_ROWS = 200;
    private static final int DEV_ROWS = 100;
    private static Path root;
    private static Path train;
    private static Path dev;
    private static Path folder;
    private static List<String> softTexts;
    private static float[][] softLogits;
    private static float[][] softPooled;

    @BeforeAll
    static void writeInputs() throws Exception {
        root = Files.createTempDirectory(EngineFixtures.targetDir("soft-target-build"), "run");
        List<String> lines = Files.readAllLines(EngineFixtures.testdata().resolve("sst2/train.tsv"));
        train = Files.write(root.resolve("train.tsv"), lines.subList(0, TRAIN_ROWS + 1));
        List<String> devLines = Files.readAllLines(EngineFixtures.testdata().resolve("sst2/dev.tsv"));
        dev = Files.write(root.resolve("dev.tsv"), devLines.subList(0, DEV_ROWS + 1));
        softTexts = new ArrayList<>(new LinkedHashSet<>(EngineFixtures.sst2Train(3060).texts().subList(3000, 3060)));
        Random random = new Random(3);
        softLogits = new float[softTexts.size()][];
        softPooled = new float[softTexts.size()][];
        List<ParquetFiles.Row> rows = new ArrayList<>();
        for (int i = 0; i < softTexts.size(); i++) {
            softLogits[i] = new float[] {4f + random.nextFloat(), -4f - random.nextFloat()};
            softPooled[i] = new float[384];
            for (int d = 0; d < 384; d++) {
                softPooled[i][d] = (float) random.nextGaussian() * 0.1f;
            }
            rows.add(ParquetFiles.Row.of(softTexts.get(i), softLogits[i], softPooled[i]));
        }
        folder = root.resolve("labelled");
        ParquetFiles.write(folder.resolve("part-00000.parquet"), rows.subList(0, 30));
        ParquetFiles.write(folder.resolve("part-00001.parquet"), rows.subList(30, rows.size()));
    }

    private static TeacherSpec teacherSpec() {
        return new TeacherSpec(EngineFixtures.probeFolder(), null, Head.AUTO, 0, 1, 32, root.resolve("probe"),
                SoftmaxRegression.Options.defaults(1));
    }

    private static DataSpec data() {
        return DataSpec.of(train, "sentence", "label").withDev(dev).withSoftTargets(folder);
    }

    @Test
    void theTransferSetTakesTheStoredOutputsAndTheTeacherLabelsOnlyTheOtherTexts() throws Exception {
        SoftTargetCache cache = new SoftTargetCache(root.resolve("builder-cache"), warning -> { });
        List<Integer> passes = new ArrayList<>();
        AtomicInteger lastTotal = new AtomicInteger(-1);
        ProgressListener counting = (done, total) -> {
            if (done == total && total != lastTotal.getAndSet(total)) {
                passes.add(total);
            }
        };
        TransferSet transfer;
        try (TeacherSetup.Prepared prepared = TeacherSetup.open(teacherSpec(), data(), ProgressListener.NONE)) {
            SoftTargets soft = prepared.data().softTargets();
            assertEquals(softTexts, soft.texts());
            soft.fill(cache, prepared.teacher(), Set.of(Signal.LOGITS, Signal.POOLED));
            transfer = new TransferSetBuilder(prepared.teacher(), 32).cache(cache).progress(counting)
                    .signals(Set.of(Signal.LOGITS, Signal.POOLED)).build(prepared.data());
        }
        int gold = transfer.goldRows();
        assertEquals(softTexts.size(), transfer.transferRows());
        assertEquals(List.of(distinct(), DEV_ROWS), passes,
                "the teacher labelled the training texts and the dev texts, none of the soft-target texts");
        for (int i = 0; i < softTexts.size(); i++) {
            assertArrayEquals(softLogits[i], transfer.train().teacherLogits()[gold + i], "logits of " + softTexts.get(i));
            assertArrayEquals(softPooled[i], transfer.train().teacherSignals().get(Signal.POOLED)[gold + i].values(),
                    "sentence vector of " + softTexts.get(i));
        }
        assertTrue(transfer.train().teacherLogits()[0][0] < 4f, "a training text's logits are the teacher's");
    }

    @Test
    void aWholeBuildTrainsOnThemWithoutRunningTheTeacherOnThem() throws Exception {
        List<String> log = new ArrayList<>();
        Path cacheFolder = root.resolve("build-cache");
        new Distiller(log::add).run(plan(cacheFolder));

        String softLine = log.stream().filter(l -> l.startsWith("distill: soft targets: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no soft-target line in " + log));
        assertTrue(softLine.contains(softTexts.size() + " texts from " + folder + " (logits, pooled), read by Parquet"
                + " (DuckDB"), softLine);
        assertTrue(log.stream().anyMatch(l -> l.contains("transfer texts (" + TRAIN_ROWS + " gold, "
                + softTexts.size() + " unlabeled, 0 augmented)")), String.join("\n", log));
        assertTrue(log.stream().noneMatch(l -> l.matches("teacher: .* / " + (TRAIN_ROWS + softTexts.size())
                + " texts")), "the teacher never had a pass over the soft-target texts: " + log);

        // The build's cache holds what the teacher labelled, the training texts, and none of the folder's.
        try (var teacher = TeacherSetup.openClassifier(teacherSpec())) {
            String key = TeacherLabels.key(teacher);
            SoftTargetCache stored = new SoftTargetCache(cacheFolder, warning -> { });
            List<String> trainTexts = EngineFixtures.sst2Train(TRAIN_ROWS).texts();
            stored.getOrCompute(key, trainTexts, (missing, indices) -> {
                throw new AssertionError(missing.size() + " training texts are not in the cache");
            });
            AtomicInteger asked = new AtomicInteger();
            stored.getOrCompute(key, softTexts, (missing, indices) -> {
                asked.set(missing.size());
                return new float[missing.size()][2];
            });
            assertEquals(softTexts.size(), asked.get(), "no soft-target text was labelled into the cache");
        }
    }

    private static DistillationPlan plan(Path cacheFolder) {
        TrainingConfig training = TrainingConfig.builder().epochs(1).batchSize(32).alpha(0.7f).temperature(2f)
                .seed(11).patience(1).threads(1).build();
        return new DistillationPlan("soft", List.of(teacherSpec()), new FixedEnsembleWeights(new double[] {1}),
                data(), new StudentPlan(Architecture.CNN, 32, 32, new int[] {2, 3}, 0, 4, 32, Embeddings.RANDOM), null,
                training, AugmentOptions.tang(0, 11), Quantization.INT8, false, 0.0, Thresholds.DEFAULTS, 1,
                root.resolve("classes/META-INF/distill/soft"), root.resolve("work/soft"), cacheFolder,
                Map.of("architecture", "CNN"), Map.of());
    }

    private static int distinct() {
        return new LinkedHashSet<>(EngineFixtures.sst2Train(TRAIN_ROWS).texts()).size();
    }
}
