package dev.distill.engine.teacher;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.distill.annotations.Format;
import dev.distill.engine.data.LabelSet;
import dev.distill.engine.data.TextDataset;
import dev.distill.runtime.data.BadRows;
import dev.distill.runtime.data.TextFileReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;

/**
 * Shared test inputs of the engine's data and teacher tests: the committed data slices, ../shared,
 * the real all-MiniLM-L6-v2 (int8) encoder from the langchain4j jar, and a linear-probe teacher
 * fitted on it once per JVM (its folder kept under target/ and reused by later runs while its
 * inputs are unchanged).
 */
public final class EngineFixtures {

    /** Training rows the probe teacher is fitted on. */
    public static final int PROBE_TRAIN_ROWS = 1000;
    /** The probe teacher's max length (SST-2 sentences are short). */
    public static final int PROBE_MAX_LENGTH = 64;
    /** The SST-2 labels as the data writes them. */
    public static final List<String> SST2_LABELS = List.of("0", "1");

    private static final String ENCODER = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";
    private static final String BGE_ENCODER = "bge-small-en-v1.5-q.onnx";
    private static final String BGE_TOKENIZER = "bge-small-en-v1.5-q-tokenizer.json";

    private EngineFixtures() {
    }

    /** The committed test data folder (system property distill.testdata.dir, else ../testdata). */
    public static Path testdata() {
        String property = System.getProperty("distill.testdata.dir");
        Path dir = (property != null ? Path.of(property) : Path.of("..", "testdata")).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("test data folder not found: " + dir);
        }
        return dir;
    }

    /** ../shared; skips the calling test with a message when it is absent. */
    public static Path sharedOrSkip() {
        String property = System.getProperty("distill.shared.dir");
        Path dir = (property != null ? Path.of(property) : Path.of("..", "..", "shared")).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(dir.resolve("teachers")),
                "skipped: the shared folder " + dir + " (teacher models) is absent on this machine");
        return dir;
    }

    /** A folder under target/ for files the tests of one build share. */
    public static Path targetDir(String name) {
        Path dir = Path.of("target", "engine-fixtures", name).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** The bare MiniLM encoder (output last_hidden_state), copied from the test classpath. */
    public static Path encoder() {
        return copyResource(ENCODER, targetDir("encoder").resolve(ENCODER));
    }

    /** The MiniLM tokenizer.json, copied from the test classpath. */
    public static Path tokenizer() {
        return copyResource(TOKENIZER, targetDir("encoder").resolve("tokenizer.json"));
    }

    /** The bare bge-small-en-v1.5 (int8) encoder, a second real teacher, copied from the test classpath. */
    public static Path bgeEncoder() {
        return copyResource(BGE_ENCODER, targetDir("bge").resolve(BGE_ENCODER));
    }

    /** The bge-small tokenizer.json, copied from the test classpath. */
    public static Path bgeTokenizer() {
        return copyResource(BGE_TOKENIZER, targetDir("bge").resolve("tokenizer.json"));
    }

    /** The first {@code rows} rows of testdata/sst2/train.tsv with labels 0/1. */
    /**
     * MiniLM's WordPiece tokenizer with only its first {@code size} tokens (the special tokens are among them): a real
     * tokenizer whose vocabulary is a strict part of the teacher's, as a team would cut one for a small student.
     */
    public static Path smallerTokenizer(Path folder, int size) throws IOException {
        JsonObject json = JsonParser.parseString(Files.readString(EngineFixtures.tokenizer())).getAsJsonObject();
        JsonObject vocab = json.getAsJsonObject("model").getAsJsonObject("vocab");
        JsonObject kept = new JsonObject();
        vocab.entrySet().stream().filter(e -> e.getValue().getAsInt() < size)
                .forEach(e -> kept.add(e.getKey(), e.getValue()));
        json.getAsJsonObject("model").add("vocab", kept);
        Path file = folder.resolve("small-tokenizer.json");
        Files.writeString(file, json.toString());
        return file;
    }

    public static TextDataset sst2Train(int rows) {
        TextDataset all = sst2(testdata().resolve("sst2/train.tsv"));
        int[] first = new int[Math.min(rows, all.size())];
        Arrays.setAll(first, i -> i);
        return all.select(first);
    }

    /** The whole of testdata/sst2/dev.tsv with labels 0/1. */
    public static TextDataset sst2Dev() {
        return sst2(testdata().resolve("sst2/dev.tsv"));
    }

    private static TextDataset sst2(Path file) {
        return LabelSet.of(SST2_LABELS).index(file,
                new TextFileReader("sentence", "label").read(file, Format.AUTO, BadRows.failFast()), BadRows.failFast());
    }

    /** The probe settings the tests use: MiniLM at {@value #PROBE_MAX_LENGTH} tokens, 1 thread. */
    public static LinearProbeTeacher.Settings probeSettings() {
        return new LinearProbeTeacher.Settings(PROBE_MAX_LENGTH, 1, 32, SoftmaxRegression.Options.defaults(7));
    }

    /**
     * A probe teacher fitted on the first {@value #PROBE_TRAIN_ROWS} rows of SST-2 train, once per
     * JVM and kept open for it: do not close it.
     */
    public static LinearProbeTeacher probeTeacher() {
        return ProbeHolder.TEACHER;
    }

    /**
     * The classifier folder of {@link #probeTeacher()}, written once per JVM under target/ with the
     * key {@link ProbeTeacherFolder#fitOrReuse} checks.
     */
    public static Path probeFolder() {
        return ProbeHolder.FOLDER;
    }

    /** The key of the probe teacher's inputs. */
    public static String probeKey() {
        TextDataset train = sst2Train(PROBE_TRAIN_ROWS);
        return ProbeTeacherFolder.key(encoder(), tokenizer(), train.texts(), train.labels(), SST2_LABELS,
                probeSettings());
    }

    private static final class ProbeHolder {
        static final LinearProbeTeacher TEACHER = fit();
        static final Path FOLDER = write();

        private static LinearProbeTeacher fit() {
            TextDataset train = sst2Train(PROBE_TRAIN_ROWS);
            LinearProbeTeacher teacher = LinearProbeTeacher.fit(encoder(), tokenizer(), train.texts(),
                    train.labels(), SST2_LABELS, probeSettings(), ProgressListener.NONE);
            Runtime.getRuntime().addShutdownHook(new Thread(teacher::close));
            return teacher;
        }

        private static Path write() {
            Path folder = targetDir("probe").resolve("sst2-minilm-probe");
            ProbeTeacherFolder.write(TEACHER, folder, probeKey());
            return folder;
        }
    }

    private static synchronized Path copyResource(String resource, Path file) {
        if (Files.isRegularFile(file)) {
            return file;
        }
        try (InputStream in = EngineFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the test classpath lacks " + resource
                        + " (from the dev.langchain4j:langchain4j-embeddings-* jars)");
            }
            Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
