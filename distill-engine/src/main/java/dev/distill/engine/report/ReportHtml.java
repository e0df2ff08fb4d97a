package dev.distill.engine.report;

import dev.distill.engine.train.EpochSummary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link DistillReport} as one self-contained HTML page: inline CSS and SVG, no script,
 * no fonts or images fetched, so it opens the same from a CI artifact as from disk.
 */
public final class ReportHtml {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#222;max-width:72rem}
            h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
            table{border-collapse:collapse;margin:.5rem 0}th,td{padding:.3rem .6rem;border:1px solid #ddd;text-align:right}
            th:first-child,td:first-child{text-align:left}thead th{background:#f4f4f4}
            .summary{font-size:1.05rem;background:#eef6ee;border-left:4px solid #2a7;padding:.6rem 1rem}
            .charts{display:flex;flex-wrap:wrap;gap:1.5rem}.chart-title{font-weight:600;font-size:13px}
            .axis{font-size:11px;fill:#555}.confusion td{min-width:3rem}.muted{color:#777}
            code{background:#f4f4f4;padding:0 .2rem}tr.best td{font-weight:600}
            """;

    private ReportHtml() {
    }

    public static String render(DistillReport report) {
        StringBuilder page = new StringBuilder(16_384);
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>distill report: ").append(Html.escape(report.name())).append("</title>")
                .append("<style>").append(STYLE).append("</style></head><body>\n");
        page.append("<h1>distill report: <code>").append(Html.escape(report.name())).append("</code></h1>\n");
        page.append("<p id=\"summary\" class=\"summary\">").append(Html.escape(ReportSummary.line(report)))
                .append("</p>\n");
        models(page, report);
        ensemble(page, report);
        curves(page, report);
        for (ModelEvaluation model : report.models()) {
            confusion(page, report.labels(), model);
        }
        stages(page, report.stageSeconds());
        keyValues(page, "settings", "Settings", report.settings());
        if (!report.knowledge().isEmpty()) {
            Map<String, String> knowledge = new java.util.LinkedHashMap<>();
            report.knowledge().forEach((k, v) -> knowledge.put(k, String.format(java.util.Locale.ROOT, "%.4f", v)));
            keyValues(page, "knowledge", "Knowledge kept (dev texts; linear CKA in [0, 1])", knowledge);
        }
        keyValues(page, "provenance", "Provenance", report.provenance());
        quantized(page, report.quantized());
        page.append("</body></html>\n");
        return page.toString();
    }

    private static void models(StringBuilder page, DistillReport report) {
        page.append("<h2>Teacher and students on the dev set</h2>\n<table id=\"models\"><thead><tr>")
                .append("<th>model</th><th>accuracy</th><th>macro-F1</th><th>agreement with teacher</th>")
                .append("<th>parameters</th><th>file size</th><th>latency p50 (1 text)</th><th>throughput</th>")
                .append("</tr></thead><tbody>\n");
        for (ModelEvaluation m : report.models()) {
            page.append("<tr data-role=\"").append(Html.escape(m.role().id())).append("\"><td>")
                    .append(Html.escape(m.role().id())).append("</td><td>").append(Html.percent(m.accuracy()))
                    .append("</td><td>").append(Html.percent(m.macroF1()))
                    .append("</td><td>").append(Html.percent(m.agreementWithTeacher()))
                    .append("</td><td>").append(Html.count(m.parameters()))
                    .append("</td><td>").append(Html.bytes(m.fileBytes()))
                    .append("</td><td>").append(Html.decimal(m.latencyP50Ms(), 3)).append(" ms")
                    .append("</td><td>").append(Html.decimal(m.throughput(), 0)).append(" texts/s")
                    .append("</td></tr>\n");
        }
        page.append("</tbody></table>\n");
    }

    /** With several teachers: each alone, its weight, and the student's retention against the ensemble and each. */
    private static void ensemble(StringBuilder page, DistillReport report) {
        if (report.teachers().isEmpty()) {
            return;
        }
        ModelEvaluation student = ReportSummary.shipped(report);
        ModelEvaluation mix = report.model(ModelRole.TEACHER);
        page.append("<h2>The teachers of the ensemble</h2>\n<p class=\"muted\">The teacher above is their ensemble:"
                + " the weighted mix of their probabilities at the temperature. Weights: ")
                .append(Html.escape(report.weighting())).append(".</p>\n<table id=\"teachers\"><thead><tr>")
                .append("<th>teacher</th><th>head</th><th>dev accuracy</th><th>weight</th>")
                .append("<th>student retention against it</th></tr></thead><tbody>\n");
        for (EnsembleMember member : report.teachers()) {
            teacherRow(page, member.name(), member.head(), member.devAccuracy(), Html.decimal(member.weight(), 4),
                    student);
        }
        if (mix != null) {
            teacherRow(page, "ensemble", "", mix.accuracy(), "", student);
        }
        page.append("</tbody></table>\n");
    }

    private static void teacherRow(StringBuilder page, String name, String head, double accuracy, String weight,
            ModelEvaluation student) {
        page.append("<tr><td>").append(Html.escape(name)).append("</td><td>").append(Html.escape(head))
                .append("</td><td>").append(Html.percent(accuracy)).append("</td><td>").append(weight)
                .append("</td><td>").append(Html.percent(student == null || !(accuracy > 0) ? Double.NaN
                        : student.accuracy() / accuracy)).append("</td></tr>\n");
    }

    private static void curves(StringBuilder page, DistillReport report) {
        List<Double> loss = new ArrayList<>();
        List<Double> accuracy = new ArrayList<>();
        for (EpochSummary e : report.epochs()) {
            loss.add(e.trainLoss());
            accuracy.add(e.devAccuracy());
        }
        page.append("<h2>Training</h2>\n<p class=\"muted\">The red point is the epoch whose parameters were kept (")
                .append(report.bestEpoch()).append(" of ").append(report.epochs().size()).append(").</p>\n")
                .append("<div class=\"charts\">")
                .append(SvgLineChart.render("chart-loss", "training loss", "loss", loss, report.bestEpoch(), "#1f77b4"))
                .append(SvgLineChart.render("chart-accuracy", "dev accuracy", "accuracy", accuracy,
                        report.bestEpoch(), "#2ca02c"))
                .append("</div>\n");
        epochTable(page, report);
    }

    /** One row per epoch: the loss, each loss term (unweighted, its weight in the header), dev accuracy. */
    private static void epochTable(StringBuilder page, DistillReport report) {
        Map<String, Float> terms = new LinkedHashMap<>();
        for (EpochSummary e : report.epochs()) {
            e.lossTerms().forEach(term -> terms.putIfAbsent(term.name(), term.weight()));
        }
        page.append("<table id=\"epochs\"><thead><tr><th>epoch</th><th>train loss</th>");
        terms.forEach((name, weight) -> page.append("<th>").append(Html.escape(name)).append(" (weight ")
                .append(Html.escape(Float.toString(weight))).append(")</th>"));
        page.append("<th>dev accuracy</th><th>seconds</th><th>texts/s</th></tr></thead><tbody>\n");
        for (EpochSummary e : report.epochs()) {
            page.append("<tr").append(e.epoch() == report.bestEpoch() ? " class=\"best\"" : "").append("><td>")
                    .append(e.epoch()).append("</td><td>").append(Html.decimal(e.trainLoss(), 4)).append("</td>");
            for (String name : terms.keySet()) {
                page.append("<td>").append(e.lossTerms().stream().filter(t -> t.name().equals(name)).findFirst()
                        .map(t -> Html.decimal(t.value(), 4)).orElse("")).append("</td>");
            }
            page.append("<td>").append(Html.percent(e.devAccuracy())).append("</td><td>")
                    .append(Html.decimal(e.seconds(), 1)).append("</td><td>")
                    .append(Html.decimal(e.textsPerSecond(), 0)).append("</td></tr>\n");
        }
        page.append("</tbody></table>\n");
    }

    private static void confusion(StringBuilder page, List<String> labels, ModelEvaluation model) {
        int[][] m = model.confusion();
        int max = 1;
        for (int[] row : m) {
            for (int v : row) {
                max = Math.max(max, v);
            }
        }
        page.append("<h2>Confusion matrix: ").append(Html.escape(model.role().id())).append("</h2>\n")
                .append("<table class=\"confusion\" id=\"confusion-").append(Html.escape(model.role().id()))
                .append("\"><thead><tr><th>gold \\ predicted</th>");
        for (String label : labels) {
            page.append("<th>").append(Html.escape(label)).append("</th>");
        }
        page.append("</tr></thead><tbody>\n");
        for (int g = 0; g < m.length; g++) {
            page.append("<tr><th>").append(Html.escape(g < labels.size() ? labels.get(g) : "#" + g)).append("</th>");
            for (int p = 0; p < m[g].length; p++) {
                // Shade by count; the diagonal in green, mistakes in red.
                double shade = m[g][p] / (double) max;
                String rgb = g == p ? "44,160,44" : "214,39,40";
                page.append(String.format(Locale.ROOT, "<td style=\"background:rgba(%s,%.2f)\">%d</td>",
                        rgb, 0.08 + 0.6 * shade, m[g][p]));
            }
            page.append("</tr>\n");
        }
        page.append("</tbody></table>\n");
    }

    private static void stages(StringBuilder page, Map<String, Double> stageSeconds) {
        if (stageSeconds.isEmpty()) {
            return;
        }
        page.append("<h2>Build stages</h2>\n<table id=\"stages\"><thead><tr><th>stage</th><th>seconds</th></tr>")
                .append("</thead><tbody>\n");
        stageSeconds.forEach((stage, seconds) -> page.append("<tr><td>").append(Html.escape(stage))
                .append("</td><td>").append(Html.decimal(seconds, 1)).append("</td></tr>\n"));
        page.append("</tbody></table>\n");
    }

    private static void keyValues(StringBuilder page, String id, String title, Map<String, String> values) {
        page.append("<h2>").append(title).append("</h2>\n<table id=\"").append(id).append("\"><tbody>\n");
        values.forEach((k, v) -> page.append("<tr><td>").append(Html.escape(k)).append("</td><td style=\"text-align:left\">")
                .append(Html.escape(v)).append("</td></tr>\n"));
        page.append("</tbody></table>\n");
    }

    private static void quantized(StringBuilder page, List<String> quantized) {
        if (quantized.isEmpty()) {
            return;
        }
        page.append("<h2>Quantization</h2>\n<ul id=\"quantized\">\n");
        for (String line : quantized) {
            page.append("<li>").append(Html.escape(line)).append("</li>\n");
        }
        page.append("</ul>\n");
    }
}
