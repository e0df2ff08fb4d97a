package dev.distill.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** report.json names the models as it did when roles were strings; the log names the shipped student by its weights. */
class ModelRoleTest {

    private static ModelEvaluation model(ModelRole role, double accuracy) {
        return new ModelEvaluation(role, accuracy, accuracy, 1.0, 1000, 4000, 1.0, 100, new int[][] {{1, 0}, {0, 1}});
    }

    private static DistillReport report(List<ModelEvaluation> models) {
        return new DistillReport("sentiment", List.of("neg", "pos"), models, List.of(), 1, Map.of(), Map.of(),
                Map.of(), List.of(), Map.of());
    }

    @Test
    void reportJsonKeepsTheRoleNames() {
        DistillReport report = report(List.of(model(ModelRole.TEACHER, 0.9), model(ModelRole.STUDENT_FP32, 0.85),
                model(ModelRole.STUDENT_INT8, 0.84)));
        JsonObject json = JsonParser.parseString(ReportWriter.toJson(report)).getAsJsonObject();
        List<String> roles = json.getAsJsonArray("models").asList().stream()
                .map(m -> m.getAsJsonObject().get("role").getAsString()).toList();
        assertEquals(List.of("teacher", "student-fp32", "student-int8"), roles);
        assertEquals(List.of("teacher", "student-fp32", "student-int8"),
                List.of(ModelRole.values()).stream().map(ModelRole::id).toList());
    }

    @Test
    void theSummaryNamesTheShippedStudentByItsWeights() {
        DistillReport int8 = report(List.of(model(ModelRole.TEACHER, 0.9), model(ModelRole.STUDENT_FP32, 0.85),
                model(ModelRole.STUDENT_INT8, 0.84)));
        assertSame(ModelRole.STUDENT_INT8, ReportSummary.shipped(int8).role());
        assertTrue(ReportSummary.line(int8).startsWith("sentiment: int8 student 84.00% dev accuracy"),
                ReportSummary.line(int8));
        DistillReport fp32 = report(List.of(model(ModelRole.TEACHER, 0.9), model(ModelRole.STUDENT_FP32, 0.85)));
        assertTrue(ReportSummary.line(fp32).startsWith("sentiment: fp32 student 85.00%"), ReportSummary.line(fp32));
    }
}
