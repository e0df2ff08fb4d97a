package dev.distill.engine.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.distill.annotations.Embeddings;
import dev.distill.engine.student.InitialEmbeddings;
import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.onnx.OnnxGraph;
import dev.distill.onnx.OnnxModels;
import dev.distill.runtime.TextEncoder;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The student's first embedding table from the real all-MiniLM-L6-v2 (int8) encoder of the langchain4j jar. */
class TeacherEmbeddingsTest {

    private static final int VOCABULARY = 30522;
    /** One table for the class: its model is read once. */
    private static final TeacherEmbeddingTable MINILM = TeacherEmbeddingTable.of(EngineFixtures.encoder());
    private static TeacherEmbeddings.Choice projected;

    @TempDir
    static Path dir;

    @BeforeAll
    static void project() {
        projected = TeacherEmbeddings.choose(Embeddings.AUTO, MINILM, VOCABULARY, 32);
    }

    private static double cosine(float[] table, int width, long a, long b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int c = 0; c < width; c++) {
            float x = table[(int) a * width + c];
            float y = table[(int) b * width + c];
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void autoTakesTheTeachersTableProjectedByPcaAndScaled() {
        InitialEmbeddings initial = projected.embeddings().orElseThrow();
        float[] table = initial.table();
        assertEquals(VOCABULARY * 32, table.length);
        double sum = 0;
        for (float v : table) {
            sum += v * v;
        }
        assertEquals(TeacherEmbeddings.TARGET_RMS, Math.sqrt(sum / table.length), 1e-4);
        String line = projected.explanation();
        assertTrue(line.contains("30522 x 384, int8, dequantized") && line.contains("PCA to 32 dimensions keeping")
                && line.contains("student.embeddings = AUTO"), line);
    }

    @Test
    void theProjectedRowsStillKnowWhichWordsAreAlike() {
        float[] table = projected.embeddings().orElseThrow().table();
        try (TextEncoder tokenizer = TextEncoder.load(EngineFixtures.tokenizer(), 16)) {
            long good = tokenizer.tokenId("good").orElseThrow();
            long great = tokenizer.tokenId("great").orElseThrow();
            long bad = tokenizer.tokenId("bad").orElseThrow();
            long chair = tokenizer.tokenId("chair").orElseThrow();
            long seventeen = tokenizer.tokenId("seventeen").orElseThrow();
            double alike = Math.min(cosine(table, 32, good, great), cosine(table, 32, good, bad));
            double unlike = Math.max(cosine(table, 32, good, chair), cosine(table, 32, good, seventeen));
            assertTrue(alike > unlike, "good~great/bad " + alike + " vs good~chair/seventeen " + unlike);
        }
    }

    @Test
    void randomIsRandomAndATeacherWithoutATableFallsBackOnAutoButFailsOnTeacher() {
        assertFalse(TeacherEmbeddings.choose(Embeddings.RANDOM, MINILM, VOCABULARY, 32)
                .embeddings().isPresent());

        OnnxGraph graph = OnnxGraph.create("no-table").input("input_ids", DataType.INT64, "batch", "sequence");
        String logits = graph.node("Cast").inputs("input_ids").attrInt("to", DataType.FLOAT_VALUE)
                .exactOutput("logits");
        graph.output(logits, DataType.FLOAT, "batch", "sequence");
        Path model = dir.resolve("no-table.onnx");
        OnnxModels.write(graph.build(), model);

        TeacherEmbeddings.Choice auto = TeacherEmbeddings.choose(Embeddings.AUTO, TeacherEmbeddingTable.of(model), VOCABULARY, 32);
        assertFalse(auto.embeddings().isPresent());
        assertTrue(auto.explanation().startsWith("random (student.embeddings = AUTO: the teacher " + model),
                auto.explanation());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TeacherEmbeddings.choose(Embeddings.TEACHER, TeacherEmbeddingTable.of(model), VOCABULARY, 32));
        assertTrue(e.getMessage().contains(model + " has no word-embedding table")
                && e.getMessage().contains("Set student.embeddings = AUTO"), e.getMessage());
    }

    @Test
    void aTableThatDoesNotFitTheTokenizerOrAStudentWiderThanTheTeacherIsSaidSo() {
        TeacherEmbeddings.Choice auto = TeacherEmbeddings.choose(Embeddings.AUTO, MINILM, 1000, 32);
        assertFalse(auto.embeddings().isPresent());
        assertTrue(auto.explanation().contains("has 30522 rows but its tokenizer has 1000 tokens"), auto.explanation());
        assertThrows(IllegalArgumentException.class,
                () -> TeacherEmbeddings.choose(Embeddings.TEACHER, MINILM, 1000, 32));
        IllegalArgumentException wide = assertThrows(IllegalArgumentException.class,
                () -> TeacherEmbeddings.choose(Embeddings.TEACHER, MINILM, VOCABULARY, 512));
        assertTrue(wide.getMessage().contains("student.embeddingSize = 512 is wider than the teacher's embeddings (384)"),
                wide.getMessage());
    }
}
