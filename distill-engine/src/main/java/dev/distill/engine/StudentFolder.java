package dev.distill.engine;

import com.google.gson.JsonObject;
import dev.distill.engine.io.AtomicFiles;
import dev.distill.engine.report.DistillReport;
import dev.distill.engine.report.ModelEvaluation;
import dev.distill.engine.report.ModelRole;
import dev.distill.engine.report.ReportSummary;
import dev.distill.engine.teacher.ContentHash;
import dev.distill.runtime.ModelFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the student as a classifier folder (model.onnx, tokenizer.json, config.json) that the
 * distill runtime and any HuggingFace-layout reader load. The folder is assembled in the build's
 * work folder and renamed into place whole, so a reader (or a jar packager) never sees a partial
 * model, even when the build is killed (see docs/reliability.md). config.json
 * holds no timestamps, paths or timings, so two builds of the same inputs write the same bytes.
 */
public final class StudentFolder {

    private StudentFolder() {
    }

    /**
     * @param scratch a folder of this build outside the class output (the work folder), where the new
     *                folder is assembled and the old one is set aside, so that nothing partial ever sits
     *                where a jar packager looks; beside the target folder instead when the two are on
     *                different file systems (a rename cannot cross them)
     */
    static void write(Path folder, Path scratch, byte[] model, Path tokenizer, List<String> labels, int maxLength,
            DistillReport report, Map<String, String> provenance) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(ModelFolder.MODEL, model);
        files.put(ModelFolder.TOKENIZER, Files.readAllBytes(tokenizer));
        files.put(ModelFolder.CONFIG, config(model, labels, maxLength, report, provenance)
                .getBytes(StandardCharsets.UTF_8));
        writeFiles(folder, scratch, files);
    }

    /**
     * Writes a tabular student folder ({@code model.onnx}, and {@code config.json} with {@code feature_names}; no
     * tokenizer) the same way: assembled in {@code scratch}, then moved into place.
     */
    static void writeTabular(Path folder, Path scratch, byte[] model, List<String> labels, List<String> features,
            DistillReport report, Map<String, String> provenance) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(ModelFolder.MODEL, model);
        files.put(ModelFolder.CONFIG, ModelFolder.tabularConfigJson(labels, features, ModelFolder.DISTILL,
                distillSection(model, report, provenance)).getBytes(StandardCharsets.UTF_8));
        writeFiles(folder, scratch, files);
    }

    /**
     * Writes an image student folder ({@code model.onnx}, {@code config.json}, {@code preprocessor_config.json}: the
     * teacher's preprocessing, which the student was trained on) the same way.
     */
    static void writeImage(Path folder, Path scratch, byte[] model, List<String> labels,
            dev.distill.runtime.image.ImagePreprocessing preprocessing, DistillReport report,
            Map<String, String> provenance) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(ModelFolder.MODEL, model);
        files.put(ModelFolder.CONFIG, ModelFolder.imageConfigJson(labels, preprocessing.channels(),
                preprocessing.height(), ModelFolder.DISTILL, distillSection(model, report, provenance))
                .getBytes(StandardCharsets.UTF_8));
        files.put(ModelFolder.PREPROCESSOR_CONFIG, preprocessing.toJson().getBytes(StandardCharsets.UTF_8));
        writeFiles(folder, scratch, files);
    }

    /** A failure to write the folder, with the folder and the fix: the JDK's "No space left on device" names no file. */
    static IOException writeFailure(Path folder, int modelBytes, IOException e) {
        return new IOException("Cannot write the student folder " + folder + " (" + modelBytes + " bytes of model): "
                + e.getMessage() + "; nothing was written there; free disk space on its file system and build again",
                e);
    }

    private static void writeFiles(Path folder, Path scratch, Map<String, byte[]> files) throws IOException {
        Path target = folder.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Files.createDirectories(scratch);
        Path workspace = sameFileSystem(scratch, target.getParent()) ? scratch : target.getParent();
        Path staging = Files.createTempDirectory(workspace, leftoverPrefix(target) + "staging");
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Files.write(staging.resolve(file.getKey()), file.getValue());
            }
            try (var written = Files.list(staging)) {
                for (Path file : written.toList()) {
                    AtomicFiles.makeReadable(file);
                }
            }
            AtomicFiles.makeReadable(staging);
            StagePause.at("packaging");
            moveIntoPlace(staging, target, workspace);
        } catch (IOException | RuntimeException e) {
            AtomicFiles.deleteTree(staging);
            throw e;
        }
    }

    /**
     * Two renames: the old folder aside, the new one in. A kill between them leaves no student at all
     * (the next build sees that and rebuilds), never a mix of old and new files.
     */
    private static void moveIntoPlace(Path staging, Path target, Path workspace) throws IOException {
        Path aside = null;
        if (Files.exists(target)) {
            aside = Files.createTempDirectory(workspace, leftoverPrefix(target) + "old");
            Files.delete(aside);
            Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
        }
        StagePause.at("packaging-swap");
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (aside != null) {
                Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE); // the last good student stays
            }
            throw e;
        }
        if (aside != null) {
            AtomicFiles.deleteTree(aside);
        }
    }

    private static boolean sameFileSystem(Path a, Path b) {
        try {
            return Files.getFileStore(a).equals(Files.getFileStore(b));
        } catch (IOException e) {
            return false;
        }
    }

    /** Names of the staging and set-aside folders of a student folder start with this. */
    private static String leftoverPrefix(Path folder) {
        return "." + folder.getFileName() + ".";
    }

    /**
     * Deletes what an interrupted build left behind (a staging folder, or the old folder set aside
     * during the final move), beside the student folder or in the work folder, so that no jar ever
     * packages it and the work folder does not fill up.
     */
    public static void removeLeftovers(Path folder, Path workFolder) throws IOException {
        String prefix = leftoverPrefix(folder.toAbsolutePath());
        for (Path place : List.of(folder.toAbsolutePath().getParent(), workFolder)) {
            if (!Files.isDirectory(place)) {
                continue;
            }
            try (var entries = Files.list(place)) {
                for (Path entry : entries.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                    AtomicFiles.deleteTree(entry);
                }
            }
        }
    }

    /** Whether the folder holds a model, a config (and a tokenizer, for text) whose recorded sha256 matches the model. */
    public static boolean intact(Path folder) {
        ModelFolder student = ModelFolder.at(folder);
        // A tabular student's folder has no tokenizer: its model and config are all of it.
        boolean tabular = Files.isRegularFile(student.model()) && Files.isRegularFile(student.config())
                && !Files.exists(student.tokenizer());
        if (!student.hasAllFiles() && !tabular) {
            return false;
        }
        try {
            Optional<String> recorded = student.readConfig().modelSha256();
            return recorded.isPresent() && recorded.get().equals(ContentHash.sha256(Files.readAllBytes(student.model())));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static String config(byte[] model, List<String> labels, int maxLength, DistillReport report,
            Map<String, String> provenance) {
        return ModelFolder.configJson(labels, maxLength, ModelFolder.DISTILL, distillSection(model, report, provenance));
    }

    private static JsonObject distillSection(byte[] model, DistillReport report, Map<String, String> provenance) {
        JsonObject metrics = new JsonObject();
        ModelEvaluation teacher = report.model(ModelRole.TEACHER);
        ModelEvaluation shipped = ReportSummary.shipped(report);
        metrics.addProperty("dev_accuracy", shipped.accuracy());
        metrics.addProperty("dev_macro_f1", shipped.macroF1());
        metrics.addProperty("dev_agreement_with_teacher", shipped.agreementWithTeacher());
        metrics.addProperty("teacher_dev_accuracy", teacher.accuracy());
        metrics.addProperty("retention", ReportSummary.retention(report));
        metrics.addProperty("best_epoch", report.bestEpoch());

        return ModelFolder.distillSection(ContentHash.sha256(model), shipped.role().id(), metrics,
                report.settings(), provenance);
    }
}
