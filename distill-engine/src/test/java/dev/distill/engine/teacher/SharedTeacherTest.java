package dev.distill.engine.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.annotations.Head;
import dev.distill.engine.data.TextDataset;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The fine-tuned SST-2 teacher of ../shared (skipped when ../shared is absent). */
class SharedTeacherTest {

    @Test
    void sst2TeacherAgreesWithTheGoldLabelsOnDev() {
        Path folder = EngineFixtures.sharedOrSkip().resolve("teachers/sst2-minilm");
        int[] first = new int[200];
        Arrays.setAll(first, i -> i);
        TextDataset dev = EngineFixtures.sst2Dev().select(first);
        int[] progress = {0};
        try (OnnxClassifierTeacher teacher = OnnxClassifierTeacher.openFolder(folder, 0, 1)) {
            assertEquals(Head.CLASSIFIER, TeacherHeads.detect(folder.resolve("model.onnx")));
            assertEquals(EngineFixtures.SST2_LABELS, teacher.labels());
            assertEquals(64, teacher.maxLength());
            float[][] logits = new BatchedTeacherRun(teacher, 32, (done, total) -> progress[0] = done)
                    .logits(dev.texts(), dev::location);
            double accuracy = Logits.accuracy(logits, dev.labels());
            System.out.printf("shared sst2-minilm teacher: accuracy %.4f on %d dev rows%n", accuracy, dev.size());
            assertTrue(accuracy >= 0.8, "accuracy " + accuracy);
            assertEquals(200, progress[0]);
        }
    }
}
