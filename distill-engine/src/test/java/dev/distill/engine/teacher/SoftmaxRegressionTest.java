package dev.distill.engine.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.engine.data.DataSpec;
import dev.distill.engine.data.TextDataset;
import dev.distill.engine.data.TrainingDataReader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DJL softmax regression on real MiniLM embeddings of the 4-class AG News slice. */
class SoftmaxRegressionTest {

    @Test
    void fitsFourClassesDeterministically() {
        TextDataset agnews = TrainingDataReader.read(DataSpec.of(
                EngineFixtures.testdata().resolve("agnews/train.tsv"), "text", "label"), null).train();
        int[] rows = new int[240];
        Arrays.setAll(rows, i -> i);
        TextDataset slice = agnews.select(rows);
        float[][] embeddings = LengthSortedBatches.run(slice.texts(), 32, EngineFixtures.probeTeacher()::embed,
                ProgressListener.NONE);
        SoftmaxRegression.Options options = new SoftmaxRegression.Options(150, 0.01f, 0.1f, 1);
        LinearHead head = SoftmaxRegression.fit(embeddings, slice.labels(), 4, options);
        LinearHead again = SoftmaxRegression.fit(embeddings, slice.labels(), 4, options);
        assertEquals(4, head.weight().length);
        assertEquals(384, head.weight()[0].length);
        for (int c = 0; c < 4; c++) {
            assertArrayEquals(head.weight()[c], again.weight()[c], 0f, "weights of class " + c + " differ");
        }
        assertArrayEquals(head.bias(), again.bias(), 0f);
        float[][] logits = new float[embeddings.length][];
        for (int i = 0; i < embeddings.length; i++) {
            logits[i] = head.apply(embeddings[i]);
        }
        double accuracy = Logits.accuracy(logits, slice.labels());
        assertTrue(accuracy > 0.9, "train accuracy " + accuracy);
        List<Integer> predicted = Arrays.stream(logits).map(Logits::argmax).distinct().sorted().toList();
        assertEquals(List.of(0, 1, 2, 3), predicted, "every class is predicted");
    }
}
