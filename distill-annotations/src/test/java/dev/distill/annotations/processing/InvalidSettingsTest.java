package dev.distill.annotations.processing;

import static dev.distill.annotations.processing.DescriptorCase.at;
import static dev.distill.annotations.processing.DescriptorCase.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each row compiles a descriptor with one bad setting and proves that javac fails with exactly one distill error,
 * that the message names the setting, the value and what is allowed, that it points at the offending value in the
 * source, and that no descriptor JSON was written.
 */
class InvalidSettingsTest extends ProjectTestBase {

    static int counter;

    @BeforeAll
    static void createOutsideFile() throws IOException {
        project.write("../outside/model.onnx", "placeholder outside the project");
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                value("alpha above 1", "alpha", "alpha = 1.5", "1.5",
                        "distill: alpha = 1.5 is outside [0, 1]: alpha weighs the teacher's soft targets against"
                                + " the gold labels"),
                // javac points at the operator of a compound value: the '.' of a field access, the '/' of a
                // division.
                value("alpha NaN", "alpha", "alpha = Double.NaN", ".NaN", "alpha = NaN is outside [0, 1]"),
                value("temperature zero", "temperature", "temperature = 0.0", "0.0",
                        "temperature = 0.0 is outside (0, 100]"),
                value("temperature infinite", "temperature", "temperature = 1.0 / 0", "/ 0",
                        "temperature = Infinity is outside (0, 100]"),
                value("final temperature negative", "finalTemperature", "finalTemperature = -1.0", "-1.0",
                        "finalTemperature = -1.0 is outside (0, 100]"),
                value("no epochs", "epochs", "epochs = 0", "0", "epochs = 0 is outside [1, 1000]"),
                value("layer weight negative", "layerWeight", "layerWeight = -1.0", "-1.0",
                        "layerWeight = -1.0 is outside [0, 100]"),
                value("layer term for a student not cut from the teacher", "layerWeight", "layerWeight = 1.0", "1.0",
                        "layerWeight = 1.0 compares the student's layers with the teacher layers they were copied"
                                + " from, but student.architecture = BILSTM copies no teacher layers; use"
                                + " student.architecture = TRANSFORMER or set layerWeight = 0"),
                value("attention term for a student not cut from the teacher", "attentionWeight",
                        "attentionWeight = 0.5", "0.5", "attentionWeight = 0.5 compares the student's layers",
                        "set attentionWeight = 0"),
                value("no patience", "patience", "patience = 0", "0", "patience = 0 is outside [1, 1000]"),
                value("batch too big", "batchSize", "batchSize = 5000", "5000",
                        "batchSize = 5000 is outside [1, 4096]"),
                value("learning rate zero", "learningRate", "learningRate = 0", "0",
                        "learningRate = 0.0 is outside (0, 1]"),
                value("weight decay one", "weightDecay", "weightDecay = 1", "1",
                        "weightDecay = 1.0 is outside [0, 1)"),
                value("warm-up one", "warmupFraction", "warmupFraction = 1.0", "1.0",
                        "warmupFraction = 1.0 is outside [0, 1)"),
                value("negative clip", "gradientClip", "gradientClip = -0.5", "-0.5",
                        "gradientClip = -0.5 is outside [0, infinity)", "0 turns clipping off"),
                value("retention above 1", "minRetention", "minRetention = 1.2", "1.2",
                        "minRetention = 1.2 is outside [0, 1]"),
                value("name with spaces", "name", "name = \"Bad Name\"", "\"Bad Name\"",
                        "name = \"Bad Name\" is not a valid name", "[a-z0-9][a-z0-9._-]*", "\"bad-name\""),
                value("name empty", "name", "name = \"\"", "\"\"", "name is empty"),
                value("name reserved", "name", "name = \"descriptors\"", "\"descriptors\"",
                        "name = \"descriptors\" is reserved", "META-INF/distill/descriptors/"),
                at("teacher without model or artifact", "teacher", "teacher = @Teacher()", "@Teacher()",
                        "@Teacher", "teacher has neither model nor artifact"),
                at("artifact not g:a:v", "teacher", "teacher = @Teacher(artifact = \"junit:4.13\", model = \"m.onnx\")",
                        "\"junit:4.13\"", "\"junit", "teacher.artifact = \"junit:4.13\" is not a Maven artifact",
                        "groupId:artifactId:version"),
                at("artifact without model entry", "teacher", "teacher = @Teacher(artifact = \"g:a:1.0\")",
                        "\"g:a:1.0\"", "\"g:a", "needs teacher.model"),
                at("teacher model missing", "teacher", "teacher = @Teacher(model = \"missing/model.onnx\")",
                        "\"missing/model.onnx\"", "\"missing", "teacher.model = \"missing/model.onnx\" does not exist",
                        "-Adistill.checkFiles=false"),
                at("teacher folder without model.onnx", "teacher", "teacher = @Teacher(model = \"data\")",
                        "\"data\")", "\"data\"", "is a folder without model.onnx"),
                at("teacher file not onnx", "teacher",
                        "teacher = @Teacher(model = \"data/train.tsv\", tokenizer = \"teacher/tokenizer.json\")",
                        "\"data/train.tsv\", tokenizer", "\"data", "is not a .onnx file"),
                at("no tokenizer beside the model", "teacher", "teacher = @Teacher(model = \"bare/model.onnx\")",
                        "@Teacher(model = \"bare", "@Teacher", "teacher.tokenizer is empty and there is no"
                                + " tokenizer.json beside teacher.model = \"bare/model.onnx\""),
                at("tokenizer missing", "teacher",
                        "teacher = @Teacher(model = \"teacher\", tokenizer = \"teacher/vocab.json\")",
                        "\"teacher/vocab.json\"", "\"teacher/vocab", "teacher.tokenizer = \"teacher/vocab.json\""
                                + " does not exist"),
                at("model outside the project", "teacher", "teacher = @Teacher(model = \"../outside/model.onnx\")",
                        "\"../outside", "\"../", "leaves the project base directory",
                        "-Adistill.allowOutsidePaths=true"),
                at("absolute path", "teacher", "teacher = @Teacher(model = \"/opt/teacher/model.onnx\")",
                        "\"/opt", "\"/opt", "is an absolute path", "-Adistill.allowOutsidePaths=true"),
                at("train missing", "data", "data = @Dataset(train = \"data/missing.tsv\")", "\"data/missing.tsv\"",
                        "\"data", "data.train = \"data/missing.tsv\" does not exist"),
                at("train format unknown", "data", "data = @Dataset(train = \"data/train.txt\")",
                        "\"data/train.txt\"", "\"data", "data.train = \"data/train.txt\" has an extension that"
                                + " does not tell its format", "Format.TSV"),
                at("dev missing", "data", "data = @Dataset(train = \"data/train.tsv\", dev = \"data/test.tsv\")",
                        "\"data/test.tsv\"", "\"data", "data.dev = \"data/test.tsv\" does not exist"),
                at("dev fraction too big", "data", "data = @Dataset(train = \"data/train.tsv\", devFraction = 0.6)",
                        "0.6", "0.6", "data.devFraction = 0.6 is outside (0, 0.5]"),
                at("duplicate label", "data",
                        "data = @Dataset(train = \"data/train.tsv\", labels = {\"pos\", \"neg\", \"pos\"})",
                        "\"pos\"}", "\"pos\"", "data.labels[2] = \"pos\" appears twice"),
                at("text and label the same column", "data",
                        "data = @Dataset(train = \"data/train.tsv\", labelColumn = \"text\")",
                        "\"text\")", "\"text\"",
                        "data.labelColumn = \"text\" names the same column as data.textColumn"),
                at("dropout too high", "student", "student = @Student(dropout = 0.95)", "0.95", "0.95",
                        "student.dropout = 0.95 is outside [0, 0.9]"),
                at("embedding too small", "student", "student = @Student(embeddingSize = 4)", "4)", "4",
                        "student.embeddingSize = 4 is outside [8, 1024]"),
                at("duplicate kernel size", "student",
                        "student = @Student(architecture = Architecture.CNN, kernelSizes = {3, 3})", "3, 3}",
                        "3}", "student.kernelSizes[1] = 3 appears twice"),
                at("kernel size too wide", "student",
                        "student = @Student(architecture = Architecture.CNN, kernelSizes = {3, 17})", "17", "17",
                        "student.kernelSizes[1] = 17 is outside [1, 16]"),
                at("no kernel sizes", "student",
                        "student = @Student(architecture = Architecture.CNN, kernelSizes = {})", "{}", "{}",
                        "student.kernelSizes is empty"),
                at("too many bigram buckets", "student",
                        "student = @Student(architecture = Architecture.BAG_OF_EMBEDDINGS, bigramBuckets = 2000000)",
                        "2000000)", "2000000", "student.bigramBuckets = 2000000 is outside [0, 1048576]",
                        "0 turns bigrams off"),
                at("too many layers", "student",
                        "student = @Student(architecture = Architecture.TRANSFORMER, layers = 49)", "49", "49",
                        "student.layers = 49 is outside [0, 48]"),
                at("a teacher layer 0", "student",
                        "student = @Student(architecture = Architecture.TRANSFORMER, teacherLayers = {0, 2})", "0,",
                        "0", "student.teacherLayers[0] = 0 is outside [1, 48]"),
                at("teacher layers out of order", "student",
                        "student = @Student(architecture = Architecture.TRANSFORMER, teacherLayers = {4, 2})", "2}",
                        "2", "student.teacherLayers[1] = 2 does not come after 4", "in increasing order"),
                at("teacher layers and layers that disagree", "student",
                        "student = @Student(architecture = Architecture.TRANSFORMER, layers = 3, teacherLayers = {2, 4})",
                        "{2, 4}", "{", "lists 2 teacher layers but student.layers = 3"),
                at("teacher length negative", "teacher", "teacher = @Teacher(model = \"teacher\", maxLength = -1)",
                        "-1", "-1", "teacher.maxLength = -1 is outside [0, 8192]"),
                at("no teacher", "teacher", "teacher = {}", "{}", "{}",
                        "teacher = {} names no teacher", "teacher = {@Teacher(...), @Teacher(...)}"),
                at("a teacher weighing nothing", "teacher",
                        "teacher = {@Teacher(model = \"teacher\"), @Teacher(model = \"teacher\", weight = 0)}",
                        "weight = 0", "0", "teacher[1].weight = 0.0 is outside (0, 1000]",
                        "remove it from the array"),
                at("a negative weight", "teacher", "teacher = @Teacher(model = \"teacher\", weight = -2)",
                        "-2", "-2", "teacher.weight = -2.0 is outside (0, 1000]"),
                at("the second teacher's model missing", "teacher",
                        "teacher = {@Teacher(model = \"teacher\"), @Teacher(model = \"missing/model.onnx\")}",
                        "\"missing/model.onnx\"", "\"missing", "teacher[1].model = \"missing/model.onnx\""),
                at("too many copies", "augmentation", "augmentation = @Augmentation(copies = 101)", "101", "101",
                        "augmentation.copies = 101 is outside [0, 100]")
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsTheBadSettingAtItsValue(DescriptorCase bad) throws IOException {
        DescriptorSource source = bad.source("Case" + (++counter));
        Path file = project.source(source.simpleName(), source.text());

        Compilation compilation = project.compile(List.of(file));

        assertFalse(compilation.success(), compilation.describe());
        List<Diagnostic<? extends JavaFileObject>> errors = compilation.distill(Diagnostic.Kind.ERROR);
        assertEquals(1, errors.size(), compilation.describe());
        assertReported(errors.get(0), bad, source);
        assertFalse(Files.exists(compilation.classOutput().resolve(DistillProcessor.DESCRIPTOR_FOLDER)),
                "no descriptor may be written for an invalid @Distill");
        Files.delete(file);
    }
}
