package dev.distill.engine.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.distill.annotations.Architecture;
import dev.distill.annotations.Format;
import dev.distill.annotations.Head;
import dev.distill.annotations.Quantization;
import dev.distill.annotations.SoftLoss;
import dev.distill.engine.Plans;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Properties applied over real processor output: every kind of value, precedence, and the teacher folder. */
class SettingOverridesTest extends SpecTestBase {

    /** Unset, the learning rate is the student architecture's: a student cut from its teacher takes a small one. */
    @Test
    void anUnsetLearningRateIsTheStudentArchitecturesDefault() throws IOException {
        DistillSpec bilstm = resolveOnly(sentimentOnly, Map.of()).spec();
        DistillSpec transformer = resolveOnly(sentimentOnly,
                Map.of("distill.student.architecture", "TRANSFORMER")).spec();
        DistillSpec set = resolveOnly(sentimentOnly,
                Map.of("distill.student.architecture", "TRANSFORMER", "distill.learningRate", "3e-4")).spec();
        assertEquals(OptionalDouble.empty(), transformer.learningRate());
        assertEquals(List.of(1e-3, 1e-4, 3e-4), List.of(Plans.learningRate(bilstm), Plans.learningRate(transformer),
                Plans.learningRate(set)));
    }

    @Test
    void appliesEveryKindOfSetting() throws IOException {
        Map<String, String> settings = new TreeMap<>();
        settings.put("distill.epochs", "5");
        settings.put("distill.alpha", "0.5");
        settings.put("distill.temperature", "2.5");
        settings.put("distill.finalTemperature", "1.5");
        settings.put("distill.minRetention", "0.8");
        settings.put("distill.learningRate", "5e-4");
        settings.put("distill.layerWeight", "0");
        // Above 0 both need a student cut from the teacher (a CNN here: refused, see BadInputTableTest); 0 overrides
        // the automatic default (NaN) all the same.
        settings.put("distill.attentionWeight", "0.0");
        settings.put("distill.seed", "9007199254740993");
        settings.put("distill.pruneVocabulary", "FALSE");
        settings.put("distill.quantization", "none");
        settings.put("distill.student.architecture", "cnn");
        settings.put("distill.student.kernelSizes", " 2, 4 ");
        settings.put("distill.student.hiddenSize", "64");
        settings.put("distill.teacher.model", DescriptorProject.OTHER_TEACHER);
        settings.put("distill.teacher.tokenizer", project.root().resolve(DescriptorProject.TEACHER
                + "/tokenizer.json").toString());
        settings.put("distill.teacher.head", "Linear_Probe");
        settings.put("distill.teacher.maxLength", "32");
        settings.put("distill.data.train", "data/news.tsv");
        settings.put("distill.data.dev", outside.resolve("dev.tsv").toString());
        settings.put("distill.data.format", "tsv");
        settings.put("distill.data.textColumn", "text");
        settings.put("distill.data.labels", "World, Sports,Business,Sci/Tech");
        settings.put("distill.data.skipBadRows", "true");
        settings.put("distill.augmentation.copies", "2");
        settings.put("distill.augmentation.maskProbability", "0.3");
        Map<String, String> properties = new TreeMap<>(settings);
        // The plugin's own parameters and other projects' properties are no settings.
        properties.putAll(Map.of("distill.skip", "false", "distill.force", "true", "distill.device", "cpu",
                "distill.threads", "2", "distill.workDirectory", "target/distill", "distill.version", "0.1.0",
                "distill.reportOnly", "true", "maven.compiler.release", "17", "distillery", "x"));

        ResolvedSpec resolved = DescriptorSpecs.load(sentimentOnly, project.root(), properties,
                Set.of("distill.reportOnly"), true).get(0);
        DistillSpec spec = resolved.spec();

        assertEquals(List.of(5, 64, 32, 2), List.of(spec.epochs(), spec.student().hiddenSize(),
                spec.teacher().get(0).maxLength(), spec.augmentation().copies()));
        assertEquals(List.of(0.5, 2.5, 0.8, 5e-4, 0.3), List.of(spec.alpha(), spec.temperature(),
                spec.minRetention(), spec.learningRate().orElseThrow(), spec.augmentation().maskProbability()));
        assertEquals(OptionalDouble.of(1.5), spec.finalTemperature());
        assertEquals(List.of(0.0, 0.0), List.of(spec.layerWeight(), spec.attentionWeight()));
        assertEquals("0.0", spec.asSettings().get("attentionWeight"));
        assertEquals(9007199254740993L, spec.seed());
        assertFalse(spec.pruneVocabulary());
        assertEquals(Quantization.NONE, spec.quantization());
        assertEquals(Architecture.CNN, spec.student().architecture());
        assertEquals(List.of(2, 4), spec.student().kernelSizes());
        assertEquals(Head.LINEAR_PROBE, spec.teacher().get(0).head());
        assertEquals(new DatasetSettings("data/news.tsv", outside.resolve("dev.tsv").toString(), 0.1, "", Format.TSV,
                "text", "label", List.of("World", "Sports", "Business", "Sci/Tech"), true), spec.data());
        assertEquals(outside.resolve("dev.tsv"), spec.devFile().orElseThrow(), "an absolute path stays absolute");
        Path other = project.root().resolve(DescriptorProject.OTHER_TEACHER);
        assertEquals(new TeacherFiles(other, other.resolve("model.onnx"),
                project.root().resolve(DescriptorProject.TEACHER + "/tokenizer.json"), other.resolve("config.json")),
                spec.teacherFiles(spec.teacher().get(0)).orElseThrow());
        assertEquals(SoftLoss.KL, spec.softLoss(), "not overridden");
        assertEquals(settings, resolved.overrides());
        assertEquals(List.of(), resolved.warnings());
        assertEquals("CNN", spec.asSettings().get("student.architecture"));
    }

    @Test
    void writesTheOverridesIntoACopyOfTheJson() throws IOException {
        Descriptor descriptor = DescriptorFiles.read(DescriptorFiles.list(sentimentOnly).get(0));
        String before = descriptor.json().toString();

        JsonObject json = SettingOverrides.parse(Map.of("distill.student.kernelSizes", "2,3",
                "distill.student.architecture", "bag_of_embeddings", "distill.finalTemperature", "null",
                "distill.data.labels", "neg,pos"), List.of("sentiment")).apply(descriptor);

        JsonObject student = json.getAsJsonObject("student");
        assertEquals("[2,3]", student.get("kernelSizes").toString());
        assertEquals("\"BAG_OF_EMBEDDINGS\"", student.get("architecture").toString());
        assertTrue(json.get("finalTemperature").isJsonNull());
        assertEquals("[\"neg\",\"pos\"]", json.getAsJsonObject("data").get("labels").toString());
        assertEquals(before, descriptor.json().toString(), "the descriptor itself is unchanged");
    }

    @Test
    void unsetsTheFinalTemperatureAndEmptiesAList() throws IOException {
        Path classes = project.compile("Annealed", "name = \"annealed\", finalTemperature = 2.0,"
                + " teacher = @Teacher(model = \"" + DescriptorProject.TEACHER + "\"),"
                + " data = @Dataset(train = \"data/train.tsv\", textColumn = \"sentence\", labels = {\"0\", \"1\"})");
        assertEquals(OptionalDouble.of(2.0), resolveOnly(classes, Map.of()).spec().finalTemperature());

        for (String unset : List.of("null", "", "NaN")) {
            DistillSpec spec = resolveOnly(classes, Map.of("distill.finalTemperature", unset,
                    "distill.data.labels", "")).spec();
            assertEquals(OptionalDouble.empty(), spec.finalTemperature(), unset);
            assertEquals(List.of(), spec.data().labels());
        }
    }

    @Test
    void aQualifiedPropertyWinsAndAppliesToItsDescriptorOnly() throws IOException {
        Path classes = project.compile("Sentiment", DescriptorProject.shortest("sentiment"),
                "Topics", "name = \"topics\", epochs = 8, teacher = @Teacher(model = \"" + DescriptorProject.TEACHER
                        + "\"), data = @Dataset(train = \"data/news.tsv\")");

        List<ResolvedSpec> specs = resolve(classes, Map.of("distill.epochs", "4", "distill.topics.epochs", "6",
                "distill.sentiment.student.hiddenSize", "32", "distill.alpha", "0.9"));

        DistillSpec sentiment = specs.get(0).spec();
        DistillSpec topics = specs.get(1).spec();
        assertEquals(List.of("sentiment", "topics"), List.of(sentiment.name(), topics.name()));
        assertEquals(List.of(4, 32), List.of(sentiment.epochs(), sentiment.student().hiddenSize()));
        assertEquals(List.of(6, 0), List.of(topics.epochs(), topics.student().hiddenSize()), "0: the architecture's");
        assertEquals(List.of(0.9, 0.9), List.of(sentiment.alpha(), topics.alpha()), "unqualified applies to all");
        assertEquals(Map.of("distill.epochs", "4", "distill.sentiment.student.hiddenSize", "32", "distill.alpha",
                "0.9"), specs.get(0).overrides());
        assertEquals(Map.of("distill.topics.epochs", "6", "distill.alpha", "0.9"), specs.get(1).overrides());
    }

    @Test
    void aTeacherFolderBringsItsOwnTokenizerAndConfig() throws IOException {
        DistillSpec spec = resolveOnly(sentimentOnly, Map.of("distill.teacher.model",
                "../project/" + DescriptorProject.OTHER_TEACHER + "/")).spec();

        Path other = project.root().resolve(DescriptorProject.OTHER_TEACHER);
        assertEquals(new TeacherFiles(other, other.resolve("model.onnx"), other.resolve("tokenizer.json"),
                other.resolve("config.json")), spec.teacherFiles(spec.teacher().get(0)).orElseThrow());
    }

    @Test
    void aReplacedModelDropsTheDescriptorsTokenizer() throws IOException {
        Path classes = project.compile("Named", "name = \"named\", teacher = @Teacher(model = \""
                + DescriptorProject.BARE_TEACHER + "/model.onnx\", tokenizer = \"" + DescriptorProject.TEACHER
                + "/tokenizer.json\"), data = @Dataset(train = \"data/train.tsv\", textColumn = \"sentence\")");
        Path other = project.root().resolve(DescriptorProject.OTHER_TEACHER);

        DistillSpec replaced = resolveOnly(classes, Map.of("distill.teacher.model",
                DescriptorProject.OTHER_TEACHER + "/model.onnx")).spec();

        assertEquals("", replaced.teacher().get(0).tokenizer());
        assertEquals(other.resolve("tokenizer.json"), replaced.teacherFiles(replaced.teacher().get(0)).orElseThrow().tokenizerFile());
        assertEquals(other.resolve("config.json"), replaced.teacherFiles(replaced.teacher().get(0)).orElseThrow().configFile());
    }

    @Test
    void warnsAboutWhatAnOverrideMakesUseless() throws IOException {
        ResolvedSpec resolved = resolveOnly(sentimentOnly, Map.of("distill.student.kernelSizes", "2,3",
                "distill.alpha", "0"));

        assertEquals(List.of("distill.alpha = 0.0 (from -Ddistill.alpha) turns distillation off: the student learns"
                        + " from the gold labels only; use a value in (0, 1], e.g. 0.7",
                "distill.student.kernelSizes (from -Ddistill.student.kernelSizes) has no effect on a BILSTM student;"
                        + " it is used only with architecture = CNN"),
                resolved.warnings().stream().sorted().toList());
    }
}
