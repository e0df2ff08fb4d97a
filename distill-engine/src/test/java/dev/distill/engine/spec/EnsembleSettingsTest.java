package dev.distill.engine.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import dev.distill.annotations.Head;
import dev.distill.annotations.TeacherWeights;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A descriptor with several teachers: read from real processor output, each teacher's settings reached by its own
 * properties ({@code distill.teacher[1].model}) and checked like every setting, with the errors the user gets.
 */
class EnsembleSettingsTest extends SpecTestBase {

    private static Path ensemble;

    @BeforeAll
    static void compileEnsemble() throws IOException {
        ensemble = project.compile("Ensemble", "name = \"ensemble\", teacherWeights = TeacherWeights.FITTED,"
                + " teacher = {@Teacher(model = \"" + DescriptorProject.TEACHER + "\"), @Teacher(model = \""
                + DescriptorProject.OTHER_TEACHER + "\", head = Head.LINEAR_PROBE, maxLength = 32)},"
                + " data = @Dataset(train = \"data/train.tsv\", textColumn = \"sentence\")");
    }

    @Test
    void readsEachTeacherInOrder() throws IOException {
        DistillSpec spec = resolveOnly(ensemble, Map.of()).spec();

        assertEquals(List.of(new TeacherSettings(DescriptorProject.TEACHER, "", "", Head.AUTO, 0, 1.0),
                new TeacherSettings(DescriptorProject.OTHER_TEACHER, "", "", Head.LINEAR_PROBE, 32, 1.0)),
                spec.teacher());
        assertEquals(TeacherWeights.FITTED, spec.teacherWeights());
        Map<String, String> settings = spec.asSettings();
        assertEquals(DescriptorProject.OTHER_TEACHER, settings.get("teacher[1].model"));
        assertEquals("32", settings.get("teacher[1].maxLength"));
        assertEquals(null, settings.get("teacher.model"), "several teachers are named by their index");
        assertEquals(DescriptorProject.TEACHER, resolveOnly(sentimentOnly, Map.of()).spec().asSettings()
                .get("teacher.model"), "one teacher keeps the names it always had");
    }

    @Test
    void anIndexedPropertyReachesItsTeacherAndAPlainOneTheFirst() throws IOException {
        DistillSpec spec = resolveOnly(ensemble, Map.of("distill.teacher[1].maxLength", "48",
                "distill.teacher[1].weight", "2.5", "distill.teacher.maxLength", "16")).spec();

        assertEquals(List.of(16, 48), spec.teacher().stream().map(TeacherSettings::maxLength).toList());
        assertEquals(List.of(1.0, 2.5), spec.teacher().stream().map(TeacherSettings::weight).toList());
    }

    @Test
    void aReplacedModelDropsThatTeachersTokenizerOnly() throws IOException {
        Path classes = project.compile("Tokenized", "name = \"tokenized\", teacher = {@Teacher(model = \""
                + DescriptorProject.BARE_TEACHER + "/model.onnx\", tokenizer = \"" + DescriptorProject.TEACHER
                + "/tokenizer.json\"), @Teacher(model = \"" + DescriptorProject.BARE_TEACHER + "/model.onnx\","
                + " tokenizer = \"" + DescriptorProject.TEACHER + "/tokenizer.json\")},"
                + " data = @Dataset(train = \"data/train.tsv\", textColumn = \"sentence\")");

        DistillSpec spec = resolveOnly(classes, Map.of("distill.teacher[1].model", DescriptorProject.OTHER_TEACHER))
                .spec();

        assertEquals(DescriptorProject.TEACHER + "/tokenizer.json", spec.teacher().get(0).tokenizer());
        assertEquals("", spec.teacher().get(1).tokenizer());
    }

    @Test
    void aWeightOfZeroIsAnErrorNamingItsProperty() throws IOException {
        List<String> problems = problems(ensemble, Map.of("distill.teacher[1].weight", "0"));

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("distill.teacher[1].weight = 0.0 (from -Ddistill.teacher[1].weight) is"
                + " outside (0, 1000]"), problems.get(0));
    }

    @Test
    void anIndexBeyondTheTeachersSaysHowManyThereAre() throws IOException {
        List<Descriptor> descriptors = List.of(DescriptorFiles.read(DescriptorFiles.list(ensemble).get(0)));
        SettingOverrides overrides = SettingOverrides.parse(Map.of("distill.teacher[2].model", "x"),
                List.of("ensemble"));

        List<String> problems = assertThrows(DistillSpecException.class,
                () -> overrides.resolve(descriptors.get(0), project.root())).problems();

        assertEquals(List.of("-Ddistill.teacher[2].model=x: the descriptor has 2 teachers, so teacher[2] names none;"
                + " the indexes are 0 to 1, e.g. teacher[1].model"), problems);
        assertEquals(List.of("-Ddistill.teacher[1].model=x: the descriptor has 1 teacher, so teacher[1] names none;"
                + " write teacher.model"), assertThrows(DistillSpecException.class, () -> SettingOverrides
                        .parse(Map.of("distill.teacher[1].model", "x"), List.of("sentiment"))
                        .resolve(DescriptorFiles.read(DescriptorFiles.list(sentimentOnly).get(0)), project.root()))
                .problems());
    }

    @Test
    void anEmptyTeacherArrayIsAnError() throws IOException {
        Descriptor written = DescriptorFiles.read(DescriptorFiles.list(sentimentOnly).get(0));
        com.google.gson.JsonObject json = written.json().deepCopy();
        json.add("teacher", new JsonArray());
        Descriptor empty = new Descriptor(written.name(), written.file(), json);

        List<String> problems = assertThrows(DistillSpecException.class,
                () -> SettingOverrides.parse(Map.of(), List.of("sentiment")).resolve(empty, project.root()))
                .problems();

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("teacher = {} names no teacher"), problems.get(0));
    }
}
