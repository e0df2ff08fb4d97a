package dev.distill.engine.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.annotations.Format;
import dev.distill.contract.ClassifierGraph;
import dev.distill.contract.InputKind;
import dev.distill.runtime.ModelFolder;
import dev.distill.runtime.ModelLoadException;
import dev.distill.runtime.Prediction;
import dev.distill.runtime.data.FeatureFileReader;
import dev.distill.runtime.data.FeatureTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tabular teacher of logits or of probabilities, fitted in the test on the covertype slice. */
class OnnxTabularTeacherTest {

    @Test
    void probabilitiesBecomeLogitsWhoseSoftmaxIsTheTeachersDistribution() throws IOException {
        Path root = EngineFixtures.targetDir("tabular-teachers");
        FeatureTable dev = new FeatureFileReader(List.of(), "label", false, "")
                .read(TabularTeachers.covertypeDev(), Format.AUTO);
        try (OnnxTabularTeacher logits = OnnxTabularTeacher.open(
                TabularTeachers.regression(root.resolve("logits"), ClassifierGraph.LOGITS), 1);
                OnnxTabularTeacher probabilities = OnnxTabularTeacher.open(
                        TabularTeachers.regression(root.resolve("probabilities"), ClassifierGraph.PROBABILITIES), 1)) {
            assertEquals(ClassifierGraph.PROBABILITIES, probabilities.outputName());
            assertEquals(InputKind.TABULAR, probabilities.inputKind());
            assertEquals(TabularTeachers.COVERTYPE_LABELS, probabilities.labels());
            probabilities.checkFeatures(dev.features());
            float[][] scores = logits.logits(dev.rows());
            float[][] fromProbabilities = probabilities.logits(dev.rows());
            for (int r = 0; r < dev.size(); r++) {
                float[] p = Prediction.softmax(scores[r]);
                float[] back = Prediction.softmax(fromProbabilities[r]);
                for (int c = 0; c < p.length; c++) {
                    // Exact but for the floor: a probability below it is raised to it.
                    assertEquals(Math.max(p[c], OnnxTabularTeacher.PROBABILITY_FLOOR), back[c], 2e-5, "row " + r);
                }
            }
            assertEquals(java.util.Arrays.toString(Logits.argmaxes(scores)),
                    java.util.Arrays.toString(Logits.argmaxes(fromProbabilities)));
        }
    }

    @Test
    void aZeroProbabilityIsFlooredNotMinusInfinity() {
        float[] logits = OnnxTabularTeacher.logOf(new float[] {0f, 1f});
        assertEquals((float) Math.log(OnnxTabularTeacher.PROBABILITY_FLOOR), logits[0]);
        assertEquals(0f, logits[1]);
    }

    @Test
    void aTeacherWithoutConfigOrOfTextInputsIsRefusedByName() throws IOException {
        Path root = EngineFixtures.targetDir("tabular-teachers-bad");
        Path folder = TabularTeachers.regression(root.resolve("no-config"), ClassifierGraph.LOGITS);
        Files.delete(folder.resolve(ModelFolder.CONFIG));
        String message = assertThrows(ModelLoadException.class, () -> OnnxTabularTeacher.open(folder, 1)).getMessage();
        assertTrue(message.contains("config.json") && message.contains("id2label"), message);

        String text = assertThrows(ModelLoadException.class, () -> OnnxTabularTeacher.open(EngineFixtures.encoder(), 1))
                .getMessage();
        assertTrue(text.contains("config.json") || text.contains("'input_ids'"), text);
    }
}
