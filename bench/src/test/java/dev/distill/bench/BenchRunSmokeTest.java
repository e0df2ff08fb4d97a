package dev.distill.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import dev.distill.annotations.Architecture;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code bench/run --smoke} for real — the same bash script, the real builds in forked JVMs,
 * the real runtime, the PyTorch peer when /usr/bin/python3 has torch — on a few hundred committed
 * texts, and checks that the results file has every section with finite, plausible figures whose
 * ratios agree with their parts, that the tables render, and that nothing outside the output
 * folder was written.
 */
class BenchRunSmokeTest {

    /** The students the text bench builds: the tabular MLP has no SST-2 to read. */
    private static final List<Architecture> TEXT_STUDENTS = Stream.of(Architecture.values())
            .filter(Architecture::readsText).toList();


    private static final double TOLERANCE = 1e-9;

    private static Path root;
    private static Path out;
    private static String readmeBefore;
    private static Map<String, Object> run;
    private static String log;

    @BeforeAll
    static void runSmoke() throws Exception {
        root = Path.of("").toAbsolutePath().getParent();
        out = Path.of("target", "bench-smoke").toAbsolutePath();
        readmeBefore = Files.readString(root.resolve("README.md"));
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("bench/run").toString(), "--smoke",
                "--out", out.toString(), "--testdata", testdata().toString()));
        String shared = System.getProperty("distill.shared.dir");
        if (shared != null) {
            command.addAll(List.of("--shared", shared));
        }
        Files.createDirectories(out);
        Path logFile = out.resolve("bench-run.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        // The test's own class path: the script must not build (the reactor is building right now).
        builder.environment().put("BENCH_CLASSPATH",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        Process process = builder.start();
        boolean done = process.waitFor(10, TimeUnit.MINUTES);
        if (!done) {
            process.destroyForcibly();
        }
        log = Files.readString(logFile);
        assertTrue(done, "bench/run --smoke did not finish in 10 minutes:\n" + tail(log));
        assertEquals(0, process.exitValue(), "bench/run --smoke failed:\n" + tail(log));
        Path results;
        try (Stream<Path> files = Files.list(out)) {
            results = files.filter(f -> f.getFileName().toString().matches("smoke-.*\\.json")).findFirst()
                    .orElseThrow(() -> new AssertionError("no smoke-<date>.json in " + out + ":\n" + tail(log)));
        }
        run = new Gson().fromJson(Files.readString(results), new TypeToken<Map<String, Object>>() { }.getType());
    }

    @Test
    void qualityHasEveryArchitectureWithKdAndHardLabels() {
        Map<String, Object> quality = section(run, "quality");
        double teacher = fraction(quality, "teacherAccuracy");
        assertTrue(teacher > 0.5, "the teacher is better than chance on SST-2: " + teacher);
        List<Map<String, Object>> rows = rows(quality);
        assertEquals(2 * TEXT_STUDENTS.size(), rows.size(), "every architecture with KD and hard labels");
        for (Map<String, Object> r : rows) {
            fraction(r, "fp32Accuracy");
            double int8 = fraction(r, "int8Accuracy");
            assertEquals(int8 / teacher, positive(r, "retention"), TOLERANCE, "retention = int8 / teacher");
            fraction(r, "int8AgreementWithFp32");
            positive(r, "trainTextsPerSecond");
            positive(r, "wallSeconds");
            positive(r, "peakRssMiB");
            assertEquals((double) r.get("alpha") > 0 ? "KD" : "hard labels", r.get("loss"));
        }
        List<String> names = TEXT_STUDENTS.stream().map(Architecture::name).toList();
        assertEquals(Stream.concat(names.stream(), names.stream()).toList(),
                rows.stream().map(r -> r.get("student")).toList());
    }

    @Test
    @SuppressWarnings("unchecked")
    void inferenceComparesEachInt8StudentWithTheTeacherAtOneAndTwoThreads() {
        List<Map<String, Object>> models = (List<Map<String, Object>>) section(run, "inference").get("models");
        assertEquals(2 * (1 + TEXT_STUDENTS.size()), models.size(),
                "the teacher and every student, at 1 and 2 threads");
        for (Map<String, Object> m : models) {
            double p50 = positive(m, "latencyP50Ms");
            assertTrue(positive(m, "latencyP99Ms") >= p50, "p99 >= p50: " + m);
            positive(m, "batch32TextsPerSecond");
            positive(m, "loadMs");
            assertTrue(positive(m, "rssAfterLoadMiB") > Sections.number(m, "rssBeforeLoadMiB"), "loading adds memory");
            Map<String, Object> teacher = models.stream()
                    .filter(t -> "teacher".equals(t.get("role")) && t.get("threads").equals(m.get("threads")))
                    .findFirst().orElseThrow();
            Map<String, Object> ratio = section(m, "ratioToTeacher");
            for (String figure : Sections.INFERENCE_FIGURES) {
                assertEquals(Sections.number(m, figure) / Sections.number(teacher, figure), positive(ratio, figure),
                        1e-9, figure + " ratio of " + m.get("model"));
            }
        }
        assertEquals(2, models.stream().filter(m -> "teacher".equals(m.get("role"))).count());
    }

    @Test
    void trainingComparesOursWithThePyTorchPeer() throws Exception {
        Map<String, Object> training = section(run, "training");
        Map<String, Object> peer = section(training, "peer");
        boolean torch = torchPresent();
        assertEquals(torch, !peer.containsKey("skipped"), "the peer runs exactly when /usr/bin/python3 has torch: "
                + peer);
        List<Map<String, Object>> rows = rows(training);
        assertEquals(TEXT_STUDENTS.size(), rows.size());
        for (Map<String, Object> r : rows) {
            double ours = positive(r, "oursTextsPerSecond");
            if (torch && PyTorchPeer.trains(Architecture.valueOf((String) r.get("student")))) {
                assertEquals(ours / positive(r, "peerTextsPerSecond"), positive(r, "oursOverPeer"), TOLERANCE);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void buildIsSplitIntoItsStages() {
        Map<String, Object> build = section(run, "build");
        Map<String, Object> stages = section(build, "stageSeconds");
        assertTrue(stages.keySet().containsAll(List.of("teacher labeling", "training",
                "export, quantization and checks", "evaluation")), "stages: " + stages.keySet());
        double sum = stages.values().stream().mapToDouble(v -> ((Number) v).doubleValue()).sum();
        assertTrue(positive(build, "wallSeconds") >= sum, "the forked build's wall time covers its stages");
        assertTrue(positive(build, "peakRssMiB") > 100, "a JVM with libtorch and ONNX Runtime: " + build);
    }

    @Test
    void sizesShrinkFromTeacherToPrunedInt8() {
        Map<String, Object> size = section(run, "size");
        double teacher = positive(size, "teacherBytes");
        for (Map<String, Object> r : rows(size)) {
            double fp32 = positive(r, "fp32Bytes");
            double int8 = positive(r, "int8Bytes");
            double pruned = positive(r, "int8PrunedBytes");
            assertTrue(fp32 > int8 && int8 >= pruned && teacher > pruned, "sizes of " + r);
            assertEquals(teacher / pruned, positive(r, "int8PrunedTeacherOverStudent"), TOLERANCE);
        }
    }

    @Test
    void tablesRenderIntoACopyAndNothingElseIsWritten() throws IOException {
        String copy = Files.readString(out.resolve("README.md"));
        String tables = copy.substring(copy.indexOf(ReadmeTables.BEGIN), copy.indexOf(ReadmeTables.END));
        assertTrue(tables.contains("| BILSTM | KD |") && tables.contains("| teacher | 2 |")
                && tables.contains("| training |"), tables);
        assertEquals(readmeBefore, Files.readString(root.resolve("README.md")), "the real README is untouched");
        try (Stream<Path> results = Files.list(root.resolve("bench/results"))) {
            assertFalse(results.anyMatch(f -> f.getFileName().toString().startsWith("smoke-")),
                    "the smoke run writes nothing into bench/results");
        }
        assertTrue(log.contains("bench: build bilstm-kd (1 of " + 2 * TEXT_STUDENTS.size() + ")") && log.matches("(?s).*\\[\\d\\d:\\d\\d:\\d\\d].*"),
                "progress lines carry timestamps");
    }

    @Test
    void theExampleBuildIsSkippedInSmokeModeAndSaysWhy() {
        assertTrue(String.valueOf(section(run, "exampleBuild").get("skipped")).contains("smoke mode"),
                "exampleBuild: " + run.get("exampleBuild"));
    }

    @Test
    void aMeasuredExampleBuildRendersBesideTheBenchBuildStageByStage() {
        Map<String, Object> build = section(run, "build");
        Map<String, Object> stages = new LinkedHashMap<>(section(build, "stageSeconds"));
        stages.put("Maven: resolution, compilation, jar, forking the engine", 12.5);
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("summary", "sentiment: int8 student ...");
        example.put("wallSeconds", 1234.0);
        example.put("peakRssMiB", 2345.0);
        example.put("enginePeakRssMiB", 1999.0);
        example.put("jarBytes", 2_600_000L);
        example.put("stageSeconds", stages);
        Map<String, Object> withExample = new LinkedHashMap<>(run);
        withExample.put("exampleBuild", example);
        String md = ReadmeTables.markdown(withExample, "x.json");
        assertTrue(md.contains("took **1234 s** with a peak RSS of **2345 MiB**") && md.contains("jar is 2.6 MB"), md);
        assertTrue(md.contains("| Maven: resolution, compilation, jar, forking the engine | — | 12.5 |"), md);
        double training = Sections.number(section(build, "stageSeconds"), "training");
        assertTrue(md.contains(String.format(Locale.ROOT, "| training | %.1f | %.1f |", training, training)), md);
        assertTrue(ReadmeTables.markdown(run, "x.json").contains("The example build was not measured: smoke mode"));
    }

    private static boolean torchPresent() throws Exception {
        if (!new File("/usr/bin/python3").canExecute()) {
            return false;
        }
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import torch").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    private static Path testdata() {
        String property = System.getProperty("distill.testdata.dir");
        return (property != null ? Path.of(property) : Path.of("..", "testdata")).toAbsolutePath().normalize();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> parent, String key) {
        Object v = parent.get(key);
        assertTrue(v instanceof Map, "missing section " + key + " in " + parent.keySet());
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Map<String, Object> section) {
        return (List<Map<String, Object>>) section.get("rows");
    }

    private static double positive(Map<String, Object> m, String key) {
        double v = Sections.number(m, key);
        assertTrue(Double.isFinite(v) && v > 0, key + " = " + v + " is not a finite positive figure in " + m);
        return v;
    }

    private static double fraction(Map<String, Object> m, String key) {
        double v = Sections.number(m, key);
        assertTrue(v >= 0 && v <= 1, key + " = " + v + " is not in [0, 1]");
        return v;
    }

    private static String tail(String text) {
        return text.substring(Math.max(0, text.length() - 4000));
    }
}
