package dev.distill.engine.student;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.distill.annotations.Architecture;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A student's embedding table loaded from given rows, on the real PyTorch engine. */
class InitialEmbeddingsTest {

    @Test
    void everyArchitectureTakesTheGivenTableAndExportsIt() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            for (Architecture architecture : TextArchitectures.all().toList()) {
                StudentDesign<?> design = RandomNetworks.designOf(architecture);
                int size = design.sizes().vocabularySize() * design.sizes().embeddingSize();
                float[] table = new float[size];
                SplittableRandom random = new SplittableRandom(7);
                for (int i = 0; i < size; i++) {
                    table[i] = (float) random.nextGaussian();
                }
                StudentDesign<?> seeded = design.withEmbeddings(new InitialEmbeddings(table, "test rows"));
                Student student = seeded.create(0f);
                student.initialize(manager, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
                student.loadEmbeddings(seeded.embeddings());
                assertArrayEquals(table, student.exportWeights().get("embedding").data(), 0f, architecture.name());
            }
        }
    }

    @Test
    void aTableOfTheWrongSizeIsRejected() {
        StudentDesign<?> design = RandomNetworks.designOf(Architecture.CNN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> design.withEmbeddings(new InitialEmbeddings(new float[10], "too few")));
        assertTrue(e.getMessage().contains("50 x 8 = 400"), e.getMessage());
    }
}
