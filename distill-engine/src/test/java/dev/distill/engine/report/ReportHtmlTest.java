package dev.distill.engine.report;

import dev.distill.engine.train.EpochSummary;
import dev.distill.engine.train.LossTermValue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportHtmlTest {

    @TempDir
    Path dir;

    static DistillReport sample() {
        Map<String, Double> stages = new LinkedHashMap<>();
        stages.put("teacher labeling", 41.5);
        stages.put("training", 120.25);
        return new DistillReport("sentiment <b>&",
                List.of("negative", "positive"),
                List.of(new ModelEvaluation(ModelRole.TEACHER, 0.8865, 0.8861, 1.0, 22_700_000, 90_000_000, 12.5, 210, new int[][] {{380, 48}, {51, 393}}),
                        new ModelEvaluation(ModelRole.STUDENT_FP32, 0.8211, 0.8205, 0.87, 4_100_000, 16_400_000, 0.8, 4_000, new int[][] {{350, 78}, {78, 366}}),
                        new ModelEvaluation(ModelRole.STUDENT_INT8, 0.8188, 0.8180, 0.86, 4_100_000, 4_600_000, 0.45, 7_000, new int[][] {{349, 79}, {79, 365}})),
                List.of(new EpochSummary(1, 0.91, 0.77, 30, 500, List.of(new LossTermValue("soft", 0.7f, 1.0),
                                new LossTermValue("hard", 0.3f, 0.7))),
                        new EpochSummary(2, 0.62, 0.81, 30, 500),
                        new EpochSummary(3, 0.55, 0.8211, 30, 500), new EpochSummary(4, 0.51, 0.815, 30, 500)),
                3,
                Map.of("alpha", "0.7", "temperature", "4.0"),
                Map.of("teacher", "teachers/sst2-minilm"),
                stages,
                List.of("embedding: int8 per row"),
                Map.of(DistillReport.SENTENCE_CKA, 0.8123));
    }

    @Test
    void pageIsSelfContainedAndEscaped() {
        String html = ReportHtml.render(sample());
        assertFalse(html.contains("<script"), "the page needs no script");
        assertFalse(html.matches("(?s).*(src|href)=\"https?:.*"), "the page fetches nothing");
        assertTrue(html.contains("sentiment &lt;b&gt;&amp;"), "the name is escaped");
        assertTrue(html.contains("sentenceVectorCka</td><td style=\"text-align:left\">0.8123"), "the CKA is shown");
        assertTrue(html.contains("81.88%"), "int8 accuracy is on the page");
        assertTrue(html.contains("88.65%"), "teacher accuracy is on the page");
    }

    @Test
    void jsonCarriesTheHeadlineFigures() {
        JsonObject json = JsonParser.parseString(ReportWriter.toJson(sample())).getAsJsonObject();
        assertEquals(0.8188 / 0.8865, json.get("retention").getAsDouble(), 1e-12);
        assertEquals(12.5 / 0.45, json.get("speedup").getAsDouble(), 1e-9);
        assertEquals(3, json.get("bestEpoch").getAsInt());
        assertEquals(3, json.getAsJsonArray("models").size());
    }

    @Test
    void eachEpochsLossTermsAreInTheJsonAndTheTable() {
        JsonObject epoch = JsonParser.parseString(ReportWriter.toJson(sample())).getAsJsonObject()
                .getAsJsonArray("epochs").get(0).getAsJsonObject();
        JsonObject soft = epoch.getAsJsonArray("lossTerms").get(0).getAsJsonObject();
        assertEquals("soft", soft.get("name").getAsString());
        assertEquals(0.7f, soft.get("weight").getAsFloat());
        assertEquals(1.0, soft.get("value").getAsDouble());

        String html = ReportHtml.render(sample());
        assertTrue(html.contains("<th>soft (weight 0.7)</th><th>hard (weight 0.3)</th>"), "the terms head the table");
        assertTrue(html.contains("<tr><td>1</td><td>0.9100</td><td>1.0000</td><td>0.7000</td><td>77.00%</td>"),
                "epoch 1's row lists its loss and terms");
        assertTrue(html.contains("<tr><td>2</td><td>0.6200</td><td></td><td></td><td>81.00%</td>"),
                "an epoch without recorded terms leaves their cells empty");
        assertTrue(html.contains("<tr class=\"best\"><td>3</td>"), "the kept epoch is marked");
    }

    @Test
    void writeLeavesNoTemporaryFiles() throws Exception {
        ReportWriter.write(sample(), dir.resolve("out"));
        try (var files = Files.list(dir.resolve("out"))) {
            assertEquals(List.of("report.html", "report.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void rendersInHeadlessChromium() throws Exception {
        ReportWriter.write(sample(), dir);
        ChromiumCheck.assertRenders(dir.resolve(ReportWriter.HTML), dir, "81.88%", "88.65%", "retention 92.4%");
    }
}
