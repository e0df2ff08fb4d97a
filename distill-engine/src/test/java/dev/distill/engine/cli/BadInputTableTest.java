package dev.distill.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.distill.engine.io.AtomicFiles;
import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.engine.teacher.SoftTargetCache;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, case by case (issue #7): each case breaks one thing in a small valid {@link EngineProject#cheap}, runs the
 * engine as the goal's forked JVM does ({@link EngineMain#run}: descriptors, overrides, checks, plan, distiller), and
 * asserts that the error names the culprit (file:line, column, setting, value) with a way out, and that nothing is
 * left half-written: no model folder, no temporary or staging file under {@code target}, and only whole entries in
 * the soft-target cache. A few inputs only look bad (a byte-order mark, CRLF): those cases assert that the build
 * succeeds. Inputs are checked before the teacher and training run, so a failing case costs well under a second.
 *
 * <p>Not here: an artifact that Maven cannot resolve fails in the goal before the engine runs (the integration test
 * {@code it/src/it/compress-unresolvable-artifact}); the engine's own message for a teacher artifact the goal did not
 * resolve is case "teacher artifact not resolved". Two {@code @Distill} types with the same name fail at compile time
 * (the annotation processor's tests); the engine's guard is case "two descriptors, one name".
 */
class BadInputTableTest {

    /** How a case breaks the project. */
    @FunctionalInterface
    interface Breakage {
        void apply(EngineProject project) throws Exception;
    }

    /**
     * One row of the table.
     *
     * @param name what is wrong
     * @param breakage how the valid project is broken
     * @param succeeds whether the input only looks bad, so the build must succeed
     * @param expected fragments of the error message (or, for a success, of the log), each of which must appear
     */
    record Case(String name, Breakage breakage, boolean succeeds, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String TRAIN_TSV = EngineProject.TRAIN;
    private static final String DEV_TSV = EngineProject.DEV;
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static Path root;

    @BeforeAll
    static void freshFolderAndTeacher() throws IOException {
        root = EngineFixtures.targetDir("bad-input");
        try (Stream<Path> old = Files.list(root)) {
            for (Path dir : old.toList()) {
                AtomicFiles.deleteTree(dir);
            }
        }
        assertNotNull(EngineFixtures.probeFolder(), "the shared probe teacher is fitted once");
    }

    static Stream<Case> cases() {
        return Stream.of(
                // Data files: encoding, layout, rows.
                fails("TSV with broken quoting", p -> p.append(TRAIN_TSV, "1\t\"an unclosed quote", "0\tmore text"),
                        "train.tsv:42: a quoted field is not closed before the end of the file", "unmatched '\"'"),
                succeeds("UTF-8 byte-order mark (accepted, header still found)",
                        p -> p.write(TRAIN_TSV, "\uFEFF" + p.read(TRAIN_TSV)), "40 training rows, 20 dev rows"),
                succeeds("CRLF line ends (accepted)", p -> {
                    p.write(TRAIN_TSV, p.read(TRAIN_TSV).replace("\n", "\r\n"));
                    p.write(DEV_TSV, p.read(DEV_TSV).replace("\n", "\r\n"));
                }, "40 training rows, 20 dev rows"),
                fails("invalid UTF-8", p -> p.write(TRAIN_TSV, latin1Row(p.read(TRAIN_TSV))),
                        "train.tsv:42: column 11: byte 0xE9 (byte offset", "is not valid UTF-8", "save it as UTF-8"),
                fails("empty train file", p -> p.write(TRAIN_TSV, ""),
                        "train.tsv: the file is empty; expected a header line naming the columns 'sentence' and 'label'"),
                fails("header only", p -> p.write(TRAIN_TSV, "label\tsentence\n"),
                        "train.tsv: the file has a header (label, sentence) but no rows"),
                fails("dev with no rows", p -> p.write(DEV_TSV, "label\tsentence\n\n"),
                        "dev.tsv: the file has a header (label, sentence) but no rows"),
                fails("unknown label in train", p -> p.append(TRAIN_TSV, "positive\ta fine film"),
                        "train.tsv:42: unknown label 'positive'", "the teacher knows 2 label(s): [0, 1]",
                        "set data.skipBadRows = true"),
                fails("dev label not in the teacher's id2label", p -> p.append(DEV_TSV, "2\tan odd label"),
                        "dev.tsv:22: unknown label '2'", "[0, 1]"),
                fails("label column missing", p -> p.write(TRAIN_TSV, "sentence\ngood\nbad\n"),
                        "train.tsv:1: no column 'label' in the header; the header has 1 column(s): 'sentence'"),
                fails("label column missing from some rows", p -> p.append(TRAIN_TSV, "a row without its label"),
                        "train.tsv:42: expected 2 columns (label, sentence), got 1"),
                fails("duplicate column names", p -> p.write(TRAIN_TSV, "label\tsentence\tlabel\n1\tgood\t1\n"),
                        "train.tsv:1: the header names the column 'label' twice (columns 1 and 3"),
                fails("empty text", p -> p.append(TRAIN_TSV, "1\t   "),
                        "train.tsv:42: the text ('sentence') is empty", "set data.skipBadRows = true"),
                fails("a 1 MB line", p -> p.append(TRAIN_TSV, "1\t" + "x".repeat(1 << 20)),
                        "train.tsv:42: the text ('sentence') has 1048576 characters, more than the 100000",
                        "check the row's quoting"),
                fails("JSONL line that is not JSON", p -> {
                    p.write("data/train.jsonl", "{\"sentence\": \"good\", \"label\": \"1\"}\n{\"sentence\": \"bad\"\n");
                    p.set("data.train", "\"data/train.jsonl\"");
                }, "train.jsonl:2: not valid JSON"),
                // Data settings.
                fails("missing dev file", p -> p.set("data.dev", "\"data/nope.tsv\""),
                        "data.dev = \"data/nope.tsv\" does not exist", "fix the path"),
                fails("text column that is not there", p -> p.property("distill.data.textColumn", "text"),
                        "train.tsv:1: no column 'text' in the header", "'label', 'sentence'"),
                fails("data.labels that differ from id2label", p -> p.set("data.labels", "[\"neg\", \"pos\"]"),
                        "data.labels = [neg, pos] differ from the teacher's id2label [0, 1]", "config.json"),
                // Paths that leave the project.
                fails("data path that escapes the project", p -> {
                    p.write("../outside/train.tsv", p.read(TRAIN_TSV));
                    p.set("data.train", "\"../outside/train.tsv\"");
                }, "data.train = \"../outside/train.tsv\" leaves the project base directory",
                        "<allowOutsidePaths>true</allowOutsidePaths> or -Ddistill.allowOutsidePaths=true"),
                fails("absolute teacher path", p -> p.property("distill.teacher.model",
                        p.root().resolve("teacher").toString()),
                        "distill.teacher.model = \"", "(from -Ddistill.teacher.model) is an absolute path",
                        "-Ddistill.allowOutsidePaths=true"),
                fails("outside path allowed explicitly (then its data is read)", p -> {
                    p.write("../elsewhere/train.tsv", "label\tsentence\n1\t\n");
                    p.set("data.train", "\"../elsewhere/train.tsv\"");
                    p.allowOutsidePaths();
                }, "elsewhere/train.tsv:2: the text ('sentence') is empty"),
                // Descriptors and overrides.
                fails("two descriptors, one name", p -> p.writeDescriptor("copy", p.descriptor("sentiment")),
                        "copy.json: its name is \"sentiment\", so the file should be called sentiment.json"),
                fails("temperature NaN as a -D override", p -> p.property("distill.temperature", "NaN"),
                        "-Ddistill.temperature"),
                fails("unknown setting name", p -> p.property("distill.epoch", "3"),
                        "-Ddistill.epoch=3: distill.epoch is not a distill setting; the closest are distill.epochs"),
                fails("non-numeric value", p -> p.property("distill.epochs", "three"),
                        "-Ddistill.epochs=three: epochs"),
                fails("student maxLength 0", p -> p.property("distill.student.maxLength", "0"),
                        "distill.student.maxLength = 0 (from -Ddistill.student.maxLength) is outside"),
                // The teacher.
                fails("teacher file missing", p -> p.set("teacher.model", "\"teacher/nope.onnx\""),
                        "teacher.model = \"teacher/nope.onnx\" does not exist"),
                fails("tokenizer missing", p -> Files.delete(p.root().resolve("teacher/tokenizer.json")),
                        "teacher.tokenizer is empty and there is no tokenizer.json beside teacher.model = \"teacher\""),
                fails("corrupt tokenizer.json", p -> p.write("teacher/tokenizer.json", "{\"version\": \"1.0\", \"mod"),
                        "Cannot load tokenizer", "teacher/tokenizer.json"),
                fails("id2label with a gap", p -> p.write("teacher/config.json",
                        "{\"id2label\": {\"0\": \"0\", \"2\": \"1\"}, \"max_length\": 64}"),
                        "teacher/config.json", "id2label has a gap"),
                fails("config.json that is not JSON", p -> p.write("teacher/config.json", "{\"id2label\": "),
                        "teacher/config.json is not valid JSON"),
                fails("teacher ONNX with no logits (an encoder used as a classifier)", p -> {
                    WrongTeachers.encoder(p);
                    p.set("teacher.head", "\"CLASSIFIER\"");
                }, "teacher.head = CLASSIFIER, but", "teacher/model.onnx has no 'logits' output",
                        "[last_hidden_state]", "set teacher.head = LINEAR_PROBE"),
                fails("teacher ONNX with neither logits nor last_hidden_state",
                        p -> WrongTeachers.scaledRow(p, new float[] {1, -1}, "scores"),
                        "Cannot tell what kind of teacher", "teacher/model.onnx", "its outputs are [scores]"),
                fails("logits width differs from id2label (declared)",
                        p -> WrongTeachers.scaledRow(p, new float[] {0.1f, 0.2f, 0.3f}, "logits"),
                        "teacher/model.onnx: the 'logits' output has 3 classes but there are 2 labels [0, 1]"),
                fails("logits width differs from id2label (seen when run)",
                        WrongTeachers::idsAsLogits, "train.tsv:2: the teacher gave 16 logits for 2 labels",
                        "one column per label of id2label"),
                fails("NaN in the teacher logits",
                        p -> WrongTeachers.scaledRow(p, new float[] {Float.NaN, 1}, "logits"),
                        "train.tsv:", "the teacher's logits for this text are not finite [NaN,"),
                fails("teacher artifact not resolved", p -> {
                    p.set("teacher.artifact", "\"dev.example:no-such-teacher:1.0\"");
                    p.set("teacher.model", "\"m.onnx\"");
                    p.set("teacher.tokenizer", "\"tokenizer.json\"");
                }, "sentiment: the teacher artifact dev.example:no-such-teacher:1.0 was not resolved"),
                succeeds("student larger than the teacher (a warning)",
                        p -> WrongTeachers.scaledRow(p, new float[] {0.001f, -0.001f}, "logits"),
                        "distill: warning: the student has", "parameters, the teacher only 2:",
                        "the student is larger than the teacher"),
                fails("the teacher's embeddings asked for, from a teacher that has none", p -> {
                    WrongTeachers.scaledRow(p, new float[] {0.001f, -0.001f}, "logits");
                    p.set("student.embeddings", "\"TEACHER\"");
                }, "student.embeddings = TEACHER:", "teacher/model.onnx has no word-embedding table",
                        "Set student.embeddings = AUTO"),
                fails("the hidden-state term with a teacher that has no sentence vector", p -> {
                    WrongTeachers.scaledRow(p, new float[] {0.001f, -0.001f}, "logits");
                    p.set("hiddenWeight", "1.0");
                }, "hiddenWeight = 1.0 needs the teacher's sentence vector", "teacher/model.onnx",
                        "set hiddenWeight = 0"),
                // The descriptor checks say it before the teacher is opened (LayerWeightChoice says it too, for a
                // caller of the Distiller that skips them).
                fails("the layer term for a student not cut from the teacher", p -> p.set("layerWeight", "1.0"),
                        "layerWeight = 1.0 compares the student's layers with the teacher layers they were copied"
                                + " from", "student.architecture = CNN copies no teacher layers",
                        "use student.architecture = TRANSFORMER", "or set layerWeight = 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aClearErrorAndNothingWritten(Case c) throws Exception {
        EngineProject project = EngineProject.cheap(root.resolve("case-" + RUNS.incrementAndGet())
                .resolve("project")).create();
        c.breakage().apply(project);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        String outcome;
        try (PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            EngineMain.run(project.job(true), out);
            outcome = null;
        } catch (Exception e) {
            outcome = e.getMessage();
            System.out.println("bad input \"" + c.name() + "\": " + outcome);
            if (c.succeeds()) {
                fail(c.name() + " must succeed, but failed: " + e + "\n" + log.toString(StandardCharsets.UTF_8), e);
            }
        }
        String text = log.toString(StandardCharsets.UTF_8);
        if (c.succeeds()) {
            assertTrue(Files.isRegularFile(project.student().resolve("model.onnx")), "a model is written");
            for (String fragment : c.expected()) {
                assertTrue(text.contains(fragment), "the log lacks \"" + fragment + "\":\n" + text);
            }
        } else {
            assertNotNull(outcome, c.name() + " must fail; log:\n" + text);
            for (String fragment : c.expected()) {
                assertTrue(outcome.contains(fragment), "the message lacks \"" + fragment + "\":\n" + outcome);
            }
            assertFalse(Files.exists(project.student()), "no model folder for a failed build");
        }
        assertNoPartialFiles(project.root().resolve("target"));
        assertCacheHoldsWholeEntries(project.cache());
    }

    /** No temporary, staging or set-aside file or folder anywhere under target. */
    private static void assertNoPartialFiles(Path target) throws IOException {
        try (Stream<Path> all = Files.walk(target)) {
            List<String> partial = new ArrayList<>();
            all.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith(".") || name.endsWith(".tmp") || name.contains("staging")
                            || name.contains(".old"))
                    .forEach(partial::add);
            assertEquals(List.of(), partial, "partial files under " + target);
        }
    }

    /** Every file in the soft-target cache is a whole segment in a teacher's folder. */
    private static void assertCacheHoldsWholeEntries(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return;
        }
        try (Stream<Path> files = Files.walk(cache)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                assertTrue(name.matches("[0-9a-f]{32}\\" + SoftTargetCache.SEGMENT_SUFFIX)
                        && file.getParent().getFileName().toString().matches("[0-9a-f]{64}"), "not a cache segment: " + file);
                assertEquals(Optional.empty(), SoftTargetCache.defect(file), "unsound segment " + file);
            }
        }
    }

    /** The project's train file with one more row holding "café" in Latin-1 (byte 0xE9), column 11 of line 42. */
    private static byte[] latin1Row(String train) {
        byte[] head = train.getBytes(StandardCharsets.UTF_8);
        byte[] row = "1\tnice caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + row.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(row, 0, all, head.length, row.length);
        return all;
    }

    private static Case fails(String name, Breakage breakage, String... expected) {
        return new Case(name, breakage, false, List.of(expected));
    }

    private static Case succeeds(String name, Breakage breakage, String... expected) {
        return new Case(name, breakage, true, List.of(expected));
    }
}
