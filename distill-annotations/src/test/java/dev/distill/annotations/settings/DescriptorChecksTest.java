package dev.distill.annotations.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks run on settings that do not come from javac: the way the plugin uses them. Each test starts from the
 * defaults of a valid descriptor with real files in a temporary base directory.
 */
class DescriptorChecksTest {

    @TempDir
    Path base;

    /** Collects messages as {@code error: ...} and {@code warning: ...}, naming settings as {@code <setting>}. */
    static final class Collected implements Diagnostics {
        final List<String> messages = new ArrayList<>();

        @Override
        public void error(String setting, String message) {
            messages.add("error: " + message);
        }

        @Override
        public void errorAt(String setting, int index, String message) {
            messages.add("error: " + message);
        }

        @Override
        public void warning(String setting, String message) {
            messages.add("warning: " + message);
        }

        @Override
        public String describe(String setting) {
            return "<" + setting + ">";
        }
    }

    @Test
    void acceptsAValidDescriptorAndNamesSettingsTheCallersWay() throws IOException {
        Map<String, Object> distill = validDescriptor();
        Collected diagnostics = new Collected();
        DescriptorChecks.check(new MapSettings(distill, Set.of()), diagnostics, checker(false));
        assertEquals(List.of(), diagnostics.messages);

        distill.put("alpha", 1.5);
        DescriptorChecks.check(new MapSettings(distill, Set.of()), diagnostics, checker(false));
        assertEquals(List.of("error: <alpha> = 1.5 is outside [0, 1]: alpha weighs the teacher's soft targets against"
                + " the gold labels"), diagnostics.messages);
    }

    @Test
    void aTabularDescriptorNeedsNoTokenizerAndItsFeatureColumnsAreChecked() throws IOException {
        Map<String, Object> distill = validDescriptor();
        Collected tabular = tabular(distill);
        assertEquals(List.of(), tabular.messages);

        data(distill).put("features", new String[] {"Slope", "label", "Slope"});
        Collected columns = new Collected();
        DescriptorChecks.check(new MapSettings(distill, Set.of("textColumn")), columns, checker(false));
        assertEquals(List.of("warning: <data.textColumn> has no effect on an MLP student, which reads the numeric"
                        + " data.features (all columns but data.labelColumn when empty)",
                "error: <data.features[1]> = \"label\" is the label column (data.labelColumn): a feature must be"
                        + " another column",
                "error: <data.features[2]> = \"Slope\" appears twice: list each feature column once, in the order"
                        + " the model reads them"), columns.messages);

        data(distill).put("features", new String[0]);
        student(distill).put("embeddings", "TEACHER");
        Collected student = new Collected();
        DescriptorChecks.check(new MapSettings(distill, Set.of("maxLength")), student, checker(false));
        assertEquals(List.of("error: <student.embeddings> = TEACHER asks for the teacher's word embeddings, but an"
                        + " MLP student reads numbers and has no embedding table (and a tree-ensemble teacher has no"
                        + " weights): use AUTO or RANDOM",
                "warning: <student.maxLength> has no effect on an MLP student, which reads numeric features, not"
                        + " tokens"), student.messages);
        student(distill).put("embeddings", "AUTO");

        student(distill).put("architecture", "BILSTM");
        Collected text = new Collected();
        DescriptorChecks.check(new MapSettings(distill, Set.of("features")), text, checker(false));
        assertTrue(text.messages.contains("warning: <data.features> has no effect on a BILSTM student, which reads"
                + " data.textColumn; tabular data are read by architecture = MLP"), text.messages.toString());
        assertTrue(text.messages.stream().anyMatch(m -> m.startsWith("error: <teacher.tokenizer> is empty")),
                text.messages.toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> student(Map<String, Object> distill) {
        return (Map<String, Object>) distill.get("student");
    }

    @Test
    void warnsOnlyAboutWrittenSettings() throws IOException {
        Map<String, Object> distill = validDescriptor();
        Collected quiet = new Collected();
        Collected warned = new Collected();

        DescriptorChecks.check(new MapSettings(distill, Set.of()), quiet, checker(false));
        DescriptorChecks.check(new MapSettings(distill, Set.of("kernelSizes")), warned, checker(false));

        assertEquals(List.of(), quiet.messages);
        assertEquals(List.of("warning: <student.kernelSizes> has no effect on a BILSTM student; it is used only with"
                + " architecture = CNN"), warned.messages);
    }

    @Test
    void checksPathsWithTheCallersPolicyAndAdvice() throws IOException {
        Map<String, Object> distill = validDescriptor();
        Path absolute = base.resolve("data/train.tsv").toAbsolutePath();
        data(distill).put("train", absolute.toString());

        Collected refused = new Collected();
        Collected allowed = new Collected();
        DescriptorChecks.check(new MapSettings(distill, Set.of()), refused, checker(false));
        DescriptorChecks.check(new MapSettings(distill, Set.of()), allowed, checker(true));

        assertEquals(1, refused.messages.size(), refused.messages.toString());
        assertTrue(refused.messages.get(0).endsWith("is an absolute path: write it relative to the project base"
                + " directory " + base + " so that the build works on other machines, or ask for it"),
                refused.messages.get(0));
        assertEquals(List.of(), allowed.messages);

        data(distill).put("train", "data/missing.tsv");
        Collected missing = new Collected();
        DescriptorChecks.check(new MapSettings(distill, Set.of()), missing, checker(true));
        assertEquals(List.of("error: <data.train> = \"data/missing.tsv\" does not exist (looked for "
                + base.resolve("data/missing.tsv") + ", relative to the project base directory " + base
                + "): look again"), missing.messages);
    }

    @Test
    void softTargetsMustBeAnExistingFolder() throws IOException {
        Map<String, Object> distill = validDescriptor();
        data(distill).put("softTargets", "data/labelled");
        Collected missing = new Collected();
        DescriptorChecks.check(new MapSettings(distill, Set.of()), missing, checker(false));
        Path base = this.base.toAbsolutePath().normalize();
        assertEquals(List.of("error: <data.softTargets> = \"data/labelled\" does not exist (looked for "
                + base.resolve("data/labelled") + ", relative to the project base directory " + base
                + "): look again"), missing.messages);

        Files.writeString(base.resolve("data/labelled"), "a file where the folder should be");
        Collected file = new Collected();
        DescriptorChecks.check(new MapSettings(distill, Set.of()), file, checker(false));
        assertEquals(1, file.messages.size(), file.messages.toString());
        assertTrue(file.messages.get(0).contains("is a file, not a folder"), file.messages.get(0));

        Files.delete(base.resolve("data/labelled"));
        Files.createDirectories(base.resolve("data/labelled"));
        Collected present = new Collected();
        DescriptorChecks.check(new MapSettings(distill, Set.of()), present, checker(false));
        assertEquals(List.of(), present.messages);
    }

    @Test
    void aStudentTokenizerMustBeAFileAndAnMlpReadsNone() throws IOException {
        Map<String, Object> distill = validDescriptor();
        student(distill).put("tokenizer", "student/tokenizer.json");
        Collected missing = new Collected();
        DescriptorChecks.check(new MapSettings(distill, Set.of()), missing, checker(false));
        assertEquals(List.of("error: <student.tokenizer> = \"student/tokenizer.json\" does not exist (looked for "
                + base.toAbsolutePath().normalize().resolve("student/tokenizer.json") + ", relative to the project base"
                + " directory " + base.toAbsolutePath().normalize() + "): look again"), missing.messages);

        Files.createDirectories(base.resolve("student"));
        Files.writeString(base.resolve("student/tokenizer.json"), "{}");
        Collected present = new Collected();
        DescriptorChecks.check(new MapSettings(distill, Set.of()), present, checker(false));
        assertEquals(List.of(), present.messages);

        Collected tabular = tabular(distill);
        assertEquals(List.of("error: <student.tokenizer> = \"student/tokenizer.json\" names a tokenizer, but an MLP"
                + " student reads numeric features, not text: leave student.tokenizer empty"), tabular.messages);
    }

    @Test
    void anImageDescriptorReadsAFolderOfClassFoldersACsvOrAnIdxFileAndNoTextSettings() throws IOException {
        Map<String, Object> distill = validDescriptor();
        Files.delete(base.resolve("teacher/tokenizer.json"));
        Files.createDirectories(base.resolve("data/images/bag"));
        data(distill).put("train", "data/images");
        student(distill).put("architecture", "IMAGE_CNN");
        student(distill).put("hiddenSize", 64);
        Collected folder = new Collected();
        DescriptorChecks.check(new MapSettings(distill, Set.of()), folder, checker(false));
        assertEquals(List.of(), folder.messages);

        Files.writeString(base.resolve("data/train-images-idx3-ubyte.gz"), "only its name is checked here");
        data(distill).put("train", "data/train-images-idx3-ubyte.gz");
        Collected idx = new Collected();
        DescriptorChecks.check(new MapSettings(distill, Set.of()), idx, checker(false));
        assertEquals(List.of(), idx.messages);

        data(distill).put("train", "data/train.tsv");
        student(distill).put("hiddenSize", 66);
        data(distill).put("features", new String[] {"Slope"});
        Collected wrong = new Collected();
        DescriptorChecks.check(new MapSettings(distill, Set.of("maxLength")), wrong, checker(false));
        assertEquals(List.of("error: <data.train> = \"data/train.tsv\" is a file but not a .csv: an IMAGE_CNN student"
                        + " reads a folder of class folders (<split>/<class>/<file>.png), a CSV file with the columns"
                        + " path and data.labelColumn, or an IDX image file (train-images-idx3-ubyte[.gz], its labels"
                        + " beside it)",
                "error: <data.features> names numeric columns, but an IMAGE_CNN student reads images: leave"
                        + " data.features empty (it is read by MLP)",
                "error: <student.hiddenSize> = 66 is not a multiple of 4: an IMAGE_CNN's stages are hiddenSize / 4,"
                        + " / 2 and / 1 channels wide (e.g. 64 for 16, 32 and 64)",
                "warning: <student.maxLength> has no effect on an IMAGE_CNN student, which reads images (no tokens)"
                        + " and regularises with BatchNorm and augmentation"), wrong.messages);
    }

    @Test
    void wordLevelAugmentationSettingsWarnForAnMlp() throws IOException {
        Map<String, Object> distill = validDescriptor();
        tabular(distill);
        @SuppressWarnings("unchecked")
        Map<String, Object> augmentation = (Map<String, Object>) distill.get("augmentation");
        augmentation.put("copies", 2);
        Collected warned = new Collected();
        DescriptorChecks.check(new MapSettings(distill, Set.of("ngramProbability", "copies")), warned, checker(false));
        assertEquals(List.of("warning: <augmentation.ngramProbability> has no effect on an MLP student: its copies"
                + " (MUNGE) read augmentation.copies and augmentation.replaceProbability"), warned.messages);
    }

    @Test
    void reportsAnInvalidName() throws IOException {
        Map<String, Object> distill = validDescriptor();
        distill.put("name", "Bad Name");
        Collected diagnostics = new Collected();

        assertFalse(DescriptorChecks.checkName(new MapSettings(distill, Set.of()), diagnostics));
        assertTrue(diagnostics.messages.get(0).contains("\"bad-name\""), diagnostics.messages.toString());
    }

    /** Makes the descriptor a tabular one (an MLP on a CSV, a teacher without a tokenizer) and checks it. */
    private Collected tabular(Map<String, Object> distill) throws IOException {
        Files.delete(base.resolve("teacher/tokenizer.json"));
        Files.writeString(base.resolve("data/train.csv"), "Elevation,Slope,label\n3024,11,aspen\n");
        data(distill).put("train", "data/train.csv");
        student(distill).put("architecture", "MLP");
        Collected tabular = new Collected();
        DescriptorChecks.check(new MapSettings(distill, Set.of()), tabular, checker(false));
        return tabular;
    }

    private PathChecker checker(boolean allowOutsidePaths) {
        return new PathChecker(base.toAbsolutePath().normalize(), true, allowOutsidePaths, "ask for it",
                "look again");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> distill) {
        return (Map<String, Object>) distill.get("data");
    }

    /** The defaults of {@code docs/descriptor-format.md}, with a teacher folder and training data in the base. */
    private Map<String, Object> validDescriptor() throws IOException {
        Files.createDirectories(base.resolve("teacher"));
        Files.createDirectories(base.resolve("data"));
        Files.writeString(base.resolve("teacher/model.onnx"), "placeholder: only its existence is checked");
        Files.writeString(base.resolve("teacher/tokenizer.json"), "{}");
        Files.writeString(base.resolve("data/train.tsv"), "label\tsentence\n1\ta fine film\n");
        Map<String, Object> distill = new HashMap<>(Map.of("name", "sentiment", "temperature", 4.0,
                "finalTemperature", Double.NaN, "alpha", 0.7, "softLoss", "KL", "epochs", 10, "patience", 3,
                "batchSize", 64, "learningRate", 0.001, "weightDecay", 0.01));
        distill.putAll(Map.of("warmupFraction", 0.06, "gradientClip", 1.0, "seed", 42L, "minRetention", 0.0,
                "hiddenWeight", 0.0, "accumulationSteps", 1, "layerWeight", 0.0,
                "attentionWeight", 0.0));
        distill.put("teacher", new HashMap<>(Map.of("model", "teacher", "tokenizer", "", "artifact", "",
                "head", "AUTO", "maxLength", 0, "weight", 1.0)));
        distill.put("teacherWeights", "FIXED");
        distill.put("data", new HashMap<>(Map.of("train", "data/train.tsv", "dev", "", "devFraction", 0.1,
                "transfer", "", "format", "AUTO", "textColumn", "sentence", "labelColumn", "label",
                "labels", new String[0], "skipBadRows", false)));
        data(distill).putAll(Map.of("features", new String[0], "missing", "ERROR", "softTargets", ""));
        Map<String, Object> student = new HashMap<>(Map.of("architecture", "BILSTM", "embeddingSize", 128,
                "hiddenSize", 256, "kernelSizes", new int[] {3, 4, 5}, "maxLength", 64, "dropout", 0.1,
                "embeddings", "AUTO"));
        student.putAll(Map.of("layers", 0, "heads", 4, "bigramBuckets", 0, "teacherLayers", new int[0], "tokenizer", ""));
        distill.put("student", student);
        distill.put("augmentation", new HashMap<>(Map.of("maskProbability", 0.1, "replaceProbability", 0.1, "ngramProbability", 0.25,
                "ngramMaxLength", 5, "copies", 0)));
        return distill;
    }
}
