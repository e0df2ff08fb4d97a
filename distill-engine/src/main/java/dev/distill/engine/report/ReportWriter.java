package dev.distill.engine.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.distill.engine.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;

/** Writes {@code report.json} and {@code report.html} into a folder, each atomically. */
public final class ReportWriter {

    /** The JSON file's name. */
    public static final String JSON = "report.json";
    /** The page's name. */
    public static final String HTML = "report.html";

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .disableHtmlEscaping()
            .create();

    private ReportWriter() {
    }

    /** The report as JSON, with the headline figures added at the top level for scripts. */
    public static String toJson(DistillReport report) {
        JsonObject json = new JsonObject();
        json.addProperty("summary", ReportSummary.line(report));
        json.addProperty("retention", ReportSummary.retention(report));
        json.addProperty("speedup", ReportSummary.speedup(report));
        json.addProperty("shrink", ReportSummary.shrink(report));
        if (!report.teachers().isEmpty()) {
            json.addProperty("retentionAgainstBestTeacher", ReportSummary.retentionAgainstBestTeacher(report));
        }
        JsonElement body = GSON.toJsonTree(report);
        body.getAsJsonObject().entrySet().forEach(e -> json.add(e.getKey(), e.getValue()));
        return GSON.toJson(json) + "\n";
    }

    /** Writes both files into {@code folder} (created when missing). */
    public static void write(DistillReport report, Path folder) throws IOException {
        AtomicFiles.writeString(folder.resolve(JSON), toJson(report));
        AtomicFiles.writeString(folder.resolve(HTML), ReportHtml.render(report));
    }
}
