package dev.distill.engine.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Every way a property or a descriptor can be wrong, with the message the user gets. */
class OverrideErrorsTest extends SpecTestBase {

    @Test
    void namesThePropertyAndTheValueOfAValueOfTheWrongType() {
        Map<String, String> properties = new TreeMap<>(Map.of("distill.epochs", "abc",
                "distill.alpha", "high", "distill.seed", "1.5", "distill.pruneVocabulary", "yes",
                "distill.student.architecture", "rnn", "distill.student.kernelSizes", "3,x"));

        assertEquals(List.of(
                "-Ddistill.alpha=high: alpha must be a number, e.g. 0.5",
                "-Ddistill.epochs=abc: epochs must be an integer",
                "-Ddistill.pruneVocabulary=yes: pruneVocabulary must be true or false",
                "-Ddistill.seed=1.5: seed must be a (64-bit) integer",
                "-Ddistill.student.architecture=rnn: student.architecture must be one of BILSTM, CNN,"
                        + " BAG_OF_EMBEDDINGS, TRANSFORMER, MLP, IMAGE_CNN (any case)",
                "-Ddistill.student.kernelSizes=3,x: student.kernelSizes must be integers separated by commas,"
                        + " e.g. 3,4,5"),
                propertyProblems(properties, "sentiment"));
    }

    @Test
    void suggestsTheClosestSettingsForAnUnknownOne() {
        List<String> problems = propertyProblems(Map.of("distill.epoch", "5", "distill.student.hiddenSise", "64",
                "distill.sentiment.tempreature", "2"), "sentiment");

        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("-Ddistill.epoch=5: distill.epoch is not a distill setting; the closest"
                + " are distill.epochs, "), problems.get(0));
        assertTrue(problems.get(1).startsWith("-Ddistill.sentiment.tempreature=2: distill.sentiment.tempreature is"
                + " not a distill setting; the closest are distill.sentiment.temperature, "), problems.get(1));
        assertTrue(problems.get(2).startsWith("-Ddistill.student.hiddenSise=64: distill.student.hiddenSise is not a"
                + " distill setting; the closest are distill.student.hiddenSize, "), problems.get(2));
    }

    @Test
    void listsTheDescriptorsForAQualifiedPropertyOfAnotherName() {
        assertEquals(List.of("-Ddistill.sentimnt.alpha=0.5: there is no descriptor named \"sentimnt\"; the"
                        + " descriptors are sentiment, topics (-Ddistill.alpha would apply to all of them)"),
                propertyProblems(Map.of("distill.sentimnt.alpha", "0.5"), "topics", "sentiment"));
    }

    @Test
    void refusesToRenameADescriptor() {
        assertEquals(List.of("-Ddistill.name=other: name cannot be overridden: it identifies the descriptor (its JSON"
                        + " file and its model folder); to change the settings of one descriptor, use"
                        + " -Ddistill.<name>.<setting>"),
                propertyProblems(Map.of("distill.name", "other"), "sentiment"));
    }

    @Test
    void namesThePropertyOfAnOverriddenValueThatBreaksARule() throws IOException {
        assertEquals(List.of("distill.alpha = 1.5 (from -Ddistill.alpha) is outside [0, 1]: alpha weighs the"
                        + " teacher's soft targets against the gold labels",
                        "distill.epochs = 0 (from -Ddistill.sentiment.epochs) is outside [1, 1000]: epochs is the most"
                                + " passes over the training data"),
                problems(sentimentOnly, Map.of("distill.alpha", "1.5", "distill.sentiment.epochs", "0")));
    }

    @Test
    void checksAnOverriddenFileAgainstTheBaseDirectory() throws IOException {
        Path root = project.root();
        assertEquals(List.of("distill.data.train = \"data/none.tsv\" (from -Ddistill.data.train) does not exist"
                        + " (looked for " + root.resolve("data/none.tsv") + ", relative to the project base directory "
                        + root + "): fix the path; a property such as -Ddistill.data.train=<path> takes a path"
                        + " relative to the project base directory"),
                problems(sentimentOnly, Map.of("distill.data.train", "data/none.tsv")));
    }

    @Test
    void needsATokenizerForATeacherFolderWithoutOne() throws IOException {
        Path bare = project.root().resolve(DescriptorProject.BARE_TEACHER);
        assertEquals(List.of("teacher.tokenizer is empty and there is no tokenizer.json beside distill.teacher.model"
                        + " = \"" + DescriptorProject.BARE_TEACHER + "\" (from -Ddistill.teacher.model) (looked for "
                        + bare.resolve("tokenizer.json") + "): set tokenizer = the path of the teacher's"
                        + " tokenizer.json, relative to the project base directory"),
                problems(sentimentOnly, Map.of("distill.teacher.model", DescriptorProject.BARE_TEACHER)));

        DistillSpec spec = resolveOnly(sentimentOnly, Map.of("distill.teacher.model", DescriptorProject.BARE_TEACHER,
                "distill.teacher.tokenizer", DescriptorProject.TEACHER + "/tokenizer.json")).spec();
        assertEquals(project.root().resolve(DescriptorProject.TEACHER + "/tokenizer.json"),
                spec.teacherFiles(spec.teacher().get(0)).orElseThrow().tokenizerFile());
    }

    @Test
    void namesTheFileAndKeyOfAHandWrittenValueOfTheWrongType() throws IOException {
        Path file = DescriptorFiles.list(sentimentOnly).get(0);
        Path edited = temp.resolve("edited").resolve(DescriptorFiles.FOLDER + "sentiment.json");
        Files.createDirectories(edited.getParent());
        Files.writeString(edited, Files.readString(file).replace("\"epochs\": 10", "\"epochs\": \"ten\""));

        DistillSpecException e = assertThrows(DistillSpecException.class,
                () -> resolve(temp.resolve("edited"), Map.of()));

        assertTrue(e.getMessage().contains("descriptor file " + edited + ": \"epochs\" is \"ten\", but it must be an"
                + " integer"), e.getMessage());
    }

    @Test
    void reportsEveryDescriptorWithProblemsAtOnce() throws IOException {
        Path classes = project.compile("Sentiment", DescriptorProject.shortest("sentiment"),
                "Topics", DescriptorProject.shortest("topics"));

        DistillSpecException e = assertThrows(DistillSpecException.class,
                () -> resolve(classes, Map.of("distill.batchSize", "5000")));

        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("descriptor sentiment ("), e.problems().get(0));
        assertTrue(e.problems().get(1).startsWith("descriptor topics ("), e.problems().get(1));
        assertTrue(e.problems().get(1).endsWith("distill.batchSize = 5000 (from -Ddistill.batchSize) is outside"
                + " [1, 4096]: batchSize is the number of texts per training step"), e.problems().get(1));
    }
}
