package dev.distill.engine.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A value that the compiler rejects in the annotation is rejected in a property too, with the same words: each row
 * compiles the bad value with the real processor, sets it by property over a valid descriptor, and compares the two
 * messages. They differ only in how they name the setting: {@code alpha = 1.5} against
 * {@code distill.alpha = 1.5 (from -Ddistill.alpha)}.
 */
class ProcessorParityTest extends SpecTestBase {

    /**
     * @param annotation the bad setting as written in {@code @Distill}, replacing the data or adding to the settings
     * @param properties the same value as properties
     * @param setting how the messages name the setting (with its array index, if any)
     * @param value how the messages show the value
     */
    record Row(String annotation, Map<String, String> properties, String setting, String value) {
        @Override
        public String toString() {
            return properties.toString();
        }
    }

    static Stream<Arguments> rows() {
        String data = "data = @Dataset(train = \"data/train.tsv\", textColumn = \"sentence\"";
        return Stream.of(
                new Row("alpha = 1.5", Map.of("distill.alpha", "1.5"), "alpha", "1.5"),
                new Row("temperature = 1.0 / 0", Map.of("distill.temperature", "Infinity"), "temperature",
                        "Infinity"),
                new Row("finalTemperature = -1.0", Map.of("distill.finalTemperature", "-1"), "finalTemperature",
                        "-1.0"),
                new Row("epochs = 0", Map.of("distill.epochs", "0"), "epochs", "0"),
                new Row("layerWeight = -1.0", Map.of("distill.layerWeight", "-1"), "layerWeight", "-1.0"),
                new Row("layerWeight = 1.0", Map.of("distill.layerWeight", "1"), "layerWeight", "1.0"),
                new Row("attentionWeight = 101.0", Map.of("distill.attentionWeight", "101"), "attentionWeight",
                        "101.0"),
                new Row("learningRate = 0", Map.of("distill.learningRate", "0"), "learningRate", "0.0"),
                new Row("minRetention = 1.2", Map.of("distill.minRetention", "1.2"), "minRetention", "1.2"),
                new Row("teacher = @Teacher(model = \"" + DescriptorProject.TEACHER + "\", maxLength = -1)",
                        Map.of("distill.teacher.maxLength", "-1"), "teacher.maxLength", "-1"),
                new Row(data + ", devFraction = 0.6)", Map.of("distill.data.devFraction", "0.6"),
                        "data.devFraction", "0.6"),
                new Row(data + ", labels = {\"pos\", \"neg\", \"pos\"})", Map.of("distill.data.labels", "pos,neg,pos"),
                        "data.labels[2]", "\"pos\""),
                new Row(data + ", labelColumn = \"sentence\")", Map.of("distill.data.labelColumn", "sentence"),
                        "data.labelColumn", "\"sentence\""),
                new Row("data = @Dataset(train = \"data/train.txt\", textColumn = \"sentence\")",
                        Map.of("distill.data.train", "data/train.txt"), "data.train", "\"data/train.txt\""),
                new Row("student = @Student(architecture = Architecture.CNN, kernelSizes = {3, 3})",
                        Map.of("distill.student.architecture", "CNN", "distill.student.kernelSizes", "3,3"),
                        "student.kernelSizes[1]", "3"),
                new Row("student = @Student(dropout = 0.95)", Map.of("distill.student.dropout", "0.95"),
                        "student.dropout", "0.95"),
                new Row("augmentation = @Augmentation(copies = 101)", Map.of("distill.augmentation.copies", "101"),
                        "augmentation.copies", "101")
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void rejectsWithTheProcessorsWords(Row row) throws IOException {
        project.write("data/train.txt", "label\tsentence\n1\ta fine film\n");
        String bad = descriptorWith(row.annotation());
        DescriptorProject.Result compiled = project.tryCompile("Bad", bad);
        assertFalse(compiled.success(), bad);
        assertEquals(1, compiled.messages().size(), compiled.diagnostics());
        String compilerSubject = "distill: " + row.setting() + " = " + row.value();
        String compilerMessage = compiled.messages().get(0);
        assertTrue(compilerMessage.startsWith(compilerSubject), compilerMessage);

        List<String> problems = problems(sentimentOnly, row.properties());

        assertEquals(1, problems.size(), problems.toString());
        String property = row.properties().containsKey("distill.student.kernelSizes")
                ? "distill.student.kernelSizes" : row.properties().keySet().iterator().next();
        String pluginSubject = "distill." + row.setting() + " = " + row.value() + " (from -D" + property + ")";
        assertTrue(problems.get(0).startsWith(pluginSubject), problems.get(0));
        assertEquals(compilerMessage.substring(compilerSubject.length()),
                problems.get(0).substring(pluginSubject.length()));
    }

    /** The shortest descriptor with {@code annotation} in place of its teacher or data, or added to it. */
    private static String descriptorWith(String annotation) {
        String settings = DescriptorProject.shortest("sentiment");
        for (String group : List.of("teacher", "data")) {
            if (annotation.startsWith(group + " = ")) {
                return settings.replaceFirst(group + " = @\\w+\\([^)]*\\)", Matcher.quoteReplacement(annotation));
            }
        }
        return settings + ", " + annotation;
    }
}
