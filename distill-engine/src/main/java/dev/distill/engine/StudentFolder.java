package dev.distill.engine;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.distill.engine.io.AtomicFiles;
import dev.distill.engine.report.DistillReport;
import dev.distill.engine.report.ModelEvaluation;
import dev.distill.engine.report.ReportSummary;
import dev.distill.engine.teacher.ContentHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the student as a classifier folder (model.onnx, tokenizer.json, config.json) that the
 * distill runtime and any HuggingFace-layout reader load. The folder is assembled beside its final
 * place and moved in whole, so a reader (or a jar packager) never sees a partial model. config.json
 * holds no timestamps, paths or timings, so two builds of the same inputs write the same bytes.
 */
public final class StudentFolder {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private StudentFolder() {
    }

    static void write(Path folder, byte[] model, Path tokenizer, List<String> labels, int maxLength,
            DistillReport report, Map<String, String> provenance) throws IOException {
        Path parent = folder.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + folder.getFileName() + ".staging");
        try {
            Files.write(staging.resolve("model.onnx"), model);
            Files.copy(tokenizer, staging.resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(staging.resolve("config.json"), config(model, labels, maxLength, report, provenance));
            try (var files = Files.list(staging)) {
                for (Path file : files.toList()) {
                    AtomicFiles.makeReadable(file);
                }
            }
            AtomicFiles.makeReadable(staging);
            AtomicFiles.move(staging, folder);
        } catch (IOException | RuntimeException e) {
            AtomicFiles.deleteTree(staging);
            throw e;
        }
    }

    /**
     * Deletes what an interrupted build left beside the student folder (a staging folder, or the old
     * folder set aside during the final move), so that no jar ever packages it.
     */
    public static void removeLeftovers(Path folder) throws IOException {
        Path parent = folder.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            return;
        }
        String prefix = "." + folder.getFileName() + ".";
        try (var siblings = Files.list(parent)) {
            for (Path sibling : siblings.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                AtomicFiles.deleteTree(sibling);
            }
        }
    }

    /** Whether the folder holds a model, tokenizer and config whose recorded sha256 matches the model. */
    static boolean intact(Path folder) {
        Path model = folder.resolve("model.onnx");
        Path config = folder.resolve("config.json");
        if (!Files.isRegularFile(model) || !Files.isRegularFile(config)
                || !Files.isRegularFile(folder.resolve("tokenizer.json"))) {
            return false;
        }
        try {
            JsonObject json = GSON.fromJson(Files.readString(config), JsonObject.class);
            String recorded = json.getAsJsonObject("distill").get("model_sha256").getAsString();
            return recorded.equals(ContentHash.sha256(Files.readAllBytes(model)));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static String config(byte[] model, List<String> labels, int maxLength, DistillReport report,
            Map<String, String> provenance) {
        JsonObject id2label = new JsonObject();
        JsonObject label2id = new JsonObject();
        for (int i = 0; i < labels.size(); i++) {
            id2label.addProperty(Integer.toString(i), labels.get(i));
            label2id.addProperty(labels.get(i), i);
        }
        JsonObject metrics = new JsonObject();
        ModelEvaluation teacher = report.model("teacher");
        ModelEvaluation shipped = ReportSummary.shipped(report);
        metrics.addProperty("dev_accuracy", shipped.accuracy());
        metrics.addProperty("dev_macro_f1", shipped.macroF1());
        metrics.addProperty("dev_agreement_with_teacher", shipped.agreementWithTeacher());
        metrics.addProperty("teacher_dev_accuracy", teacher.accuracy());
        metrics.addProperty("retention", ReportSummary.retention(report));
        metrics.addProperty("best_epoch", report.bestEpoch());

        JsonObject distill = new JsonObject();
        distill.addProperty("model_sha256", ContentHash.sha256(model));
        distill.addProperty("student", shipped.role());
        distill.add("metrics", metrics);
        distill.add("settings", GSON.toJsonTree(new TreeMap<>(report.settings())));
        distill.add("provenance", GSON.toJsonTree(new TreeMap<>(provenance)));

        JsonObject config = new JsonObject();
        config.add("id2label", id2label);
        config.add("label2id", label2id);
        config.addProperty("max_length", maxLength);
        config.add("distill", distill);
        return GSON.toJson(config) + "\n";
    }
}
