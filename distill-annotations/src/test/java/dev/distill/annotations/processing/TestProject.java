package dev.distill.annotations.processing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Processor;

/**
 * A throw-away Maven project on disk: a {@code pom.xml}, a teacher folder and data files, and descriptor sources under
 * {@code src/main/java}. The processor only checks that the teacher's files exist, so they hold placeholder bytes;
 * the data files hold real SST-2 rows from the committed test data.
 */
final class TestProject {

    private final Path root;
    private int compilations;

    private TestProject(Path root) {
        this.root = root;
    }

    /** Creates the project with {@code teacher/} (model.onnx, tokenizer.json) and {@code data/} (train, dev). */
    static TestProject create(Path root) throws IOException {
        TestProject project = new TestProject(root);
        project.write("pom.xml", "<project><modelVersion>4.0.0</modelVersion></project>\n");
        project.write("teacher/model.onnx", "placeholder: the processor only checks that this file exists");
        project.write("teacher/tokenizer.json", "{}");
        project.write("bare/model.onnx", "placeholder without a tokenizer.json beside it");
        String rows = sst2Rows(20);
        project.write("data/train.tsv", rows);
        project.write("data/dev.tsv", rows);
        project.write("data/train.txt", rows);
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

    /** Writes {@code app/<simpleName>.java} under {@code src/main/java}. */
    Path source(String simpleName, String content) throws IOException {
        return write("src/main/java/app/" + simpleName + ".java", content);
    }

    /** Compiles the sources with a fresh {@link DistillProcessor} and {@code -Adistill.basedir} set to the root. */
    Compilation compile(List<Path> sources, String... options) throws IOException {
        List<String> all = new ArrayList<>(List.of("-Adistill.basedir=" + root));
        all.addAll(List.of(options));
        return compile(sources, List.of(new DistillProcessor()), all);
    }

    /** Compiles the sources into a fresh class output folder. */
    Compilation compile(List<Path> sources, List<Processor> processors, List<String> options) throws IOException {
        return Compilation.run(sources, nextClassOutput(), processors, options);
    }

    /** A class output folder that no compilation has used yet, inside the project. */
    Path nextClassOutput() {
        return root.resolve("target/classes-" + (++compilations));
    }

    private static String sst2Rows(int count) throws IOException {
        Path testdata = Path.of(System.getProperty("distill.testdata.dir", "../testdata"));
        List<String> lines = Files.readAllLines(testdata.resolve("sst2/train.tsv"), StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(0, count + 1)) + "\n";
    }
}
