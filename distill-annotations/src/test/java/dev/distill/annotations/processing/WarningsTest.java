package dev.distill.annotations.processing;

import static dev.distill.annotations.processing.DescriptorCase.at;
import static dev.distill.annotations.processing.DescriptorCase.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Legal but suspicious settings compile, get their descriptor JSON, and draw exactly one warning at the setting.
 */
class WarningsTest extends ProjectTestBase {

    static int counter;

    static Stream<Arguments> cases() {
        return Stream.of(
                value("no distillation", "alpha", "alpha = 0.0", "0.0",
                        "alpha = 0.0 turns distillation off"),
                value("very high temperature", "temperature", "temperature = 30.0", "30.0",
                        "temperature = 30.0 is unusually high"),
                at("temperature with MSE", "temperature",
                        "softLoss = SoftLoss.MSE, temperature = 2.0", "2.0", "2.0",
                        "temperature is not used with softLoss = MSE"),
                value("patience never stops", "patience", "patience = 10", "10",
                        "patience = 10 is not below epochs = 10"),
                value("huge learning rate", "learningRate", "learningRate = 0.5", "0.5",
                        "learningRate = 0.5 is unusually high"),
                at("kernel sizes on a BiLSTM", "student", "student = @Student(kernelSizes = {2, 3})",
                        "{2, 3}", "{", "student.kernelSizes has no effect on a BILSTM student"),
                at("kernel sizes on a bag of embeddings", "student",
                        "student = @Student(architecture = Architecture.BAG_OF_EMBEDDINGS, kernelSizes = {2, 3})",
                        "{2, 3}", "{", "student.kernelSizes has no effect on a BAG_OF_EMBEDDINGS student;"
                                + " it is used only with architecture = CNN"),
                at("bigram buckets on a CNN", "student",
                        "student = @Student(architecture = Architecture.CNN, bigramBuckets = 4096)", "4096)", "4096",
                        "student.bigramBuckets has no effect on a CNN student; it is used only with"
                                + " architecture = BAG_OF_EMBEDDINGS"),
                at("heads on a CNN", "student", "student = @Student(architecture = Architecture.CNN, heads = 8)",
                        "8)", "8", "student.heads has no effect on a CNN student; it is used only with"
                                + " architecture = TRANSFORMER"),
                at("teacher layers on a BILSTM", "student",
                        "student = @Student(architecture = Architecture.BILSTM, teacherLayers = {2, 4})", "{2, 4}", "{",
                        "student.teacherLayers has no effect on a BILSTM student; it is used only with"
                                + " architecture = TRANSFORMER"),
                at("dev fraction beside a dev file", "data",
                        "data = @Dataset(train = \"data/train.tsv\", dev = \"data/dev.tsv\", devFraction = 0.2)",
                        "0.2", "0.2", "data.devFraction has no effect because data.dev is set"),
                at("augmentation without copies", "augmentation",
                        "augmentation = @Augmentation(maskProbability = 0.3)", "0.3", "0.3",
                        "augmentation.maskProbability has no effect while augmentation.copies = 0"),
                value("fitted weights for one teacher", "teacherWeights", "teacherWeights = TeacherWeights.FITTED",
                        ".FITTED", "teacherWeights = FITTED has nothing to fit with one teacher"),
                at("a weight beside fitted weights", "teacher",
                        "teacherWeights = TeacherWeights.FITTED, teacher = {@Teacher(model = \"teacher\", weight = 2),"
                                + " @Teacher(model = \"teacher\")}", "weight = 2", "2",
                        "teacher[0].weight = 2.0 is not used with teacherWeights = FITTED"),
                at("extension against format", "data",
                        "data = @Dataset(train = \"data/train.tsv\", format = Format.CSV)", "\"data/train.tsv\"",
                        "\"data", "data.train = \"data/train.tsv\" looks like TSV but is read as data.format = CSV")
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void warnsAtTheSettingAndStillWritesTheDescriptor(DescriptorCase suspicious) throws IOException {
        DescriptorSource source = suspicious.source("Warn" + (++counter));
        Compilation compilation = project.compile(List.of(project.source(source.simpleName(), source.text())));

        assertTrue(compilation.success(), compilation.describe());
        List<Diagnostic<? extends JavaFileObject>> warnings = compilation.distill(Diagnostic.Kind.WARNING);
        assertEquals(1, warnings.size(), compilation.describe());
        assertReported(warnings.get(0), suspicious, source);
        assertTrue(compilation.descriptorJson("sentiment").isPresent());
    }
}
