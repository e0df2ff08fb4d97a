package dev.distill.engine.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.annotations.Head;
import dev.distill.engine.data.TextDataset;
import dev.distill.runtime.ClassifierOptions;
import dev.distill.runtime.TextClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A linear probe on the real MiniLM encoder, fitted on 1,000 SST-2 rows with DJL's PyTorch engine. */
class LinearProbeTeacherTest {

    @Test
    void probeBeatsTheMajorityClassOnDev() {
        TextDataset dev = EngineFixtures.sst2Dev();
        float[][] logits = new BatchedTeacherRun(EngineFixtures.probeTeacher(), 32, ProgressListener.NONE)
                .logits(dev.texts(), dev::location);
        double accuracy = Logits.accuracy(logits, dev.labels());
        long positives = Arrays.stream(dev.labels()).filter(l -> l == 1).count();
        double majority = Math.max(positives, dev.size() - positives) / (double) dev.size();
        System.out.printf("probe teacher: dev accuracy %.4f (majority %.4f, train accuracy %.4f)%n",
                accuracy, majority, EngineFixtures.probeTeacher().trainAccuracy());
        assertTrue(accuracy >= 0.70, "dev accuracy " + accuracy + " < 0.70");
        assertTrue(accuracy > majority + 0.15, "dev accuracy " + accuracy + " is not clearly above " + majority);
    }

    @Test
    void writtenFolderServesTheSameLogitsAsTheInMemoryProbe() {
        List<String> texts = EngineFixtures.sst2Dev().texts().subList(0, 24);
        float[][] inMemory = EngineFixtures.probeTeacher().logits(texts);
        try (TextClassifier classifier = TextClassifier.load(EngineFixtures.probeFolder(),
                ClassifierOptions.builder().intraOpThreads(1).build())) {
            assertEquals(EngineFixtures.SST2_LABELS, classifier.labels());
            assertEquals(EngineFixtures.PROBE_MAX_LENGTH, classifier.maxLength());
            float[][] served = classifier.logits(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertArrayEquals(inMemory[i], served[i], 1e-3f, "logits of text " + i);
            }
        }
    }

    @Test
    void headsAreDetectedFromTheModelOutputs() {
        assertEquals(Head.LINEAR_PROBE, TeacherHeads.detect(EngineFixtures.encoder()));
        assertEquals(Head.CLASSIFIER, TeacherHeads.detect(EngineFixtures.probeFolder().resolve("model.onnx")));
        assertEquals(Head.LINEAR_PROBE, TeacherHeads.resolve(Head.LINEAR_PROBE,
                EngineFixtures.probeFolder().resolve("model.onnx")), "an explicit head is kept");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TeacherHeads.resolve(Head.CLASSIFIER, EngineFixtures.encoder()));
        assertTrue(e.getMessage().contains("set teacher.head = LINEAR_PROBE"), e.getMessage());
    }

    @Test
    void aProbeFolderWithTheSameInputsIsReusedNotRefitted() throws Exception {
        Path folder = EngineFixtures.probeFolder();
        Path model = folder.resolve("model.onnx");
        FileTime written = Files.getLastModifiedTime(model);
        TextDataset train = EngineFixtures.sst2Train(EngineFixtures.PROBE_TRAIN_ROWS);
        int[] embedded = {0};
        try (Teacher teacher = ProbeTeacherFolder.fitOrReuse(folder, EngineFixtures.encoder(),
                EngineFixtures.tokenizer(), train.texts(), train.labels(), EngineFixtures.SST2_LABELS,
                EngineFixtures.probeSettings(), (done, total) -> embedded[0] = done)) {
            assertEquals(0, embedded[0], "the encoder ran although the folder was up to date");
            assertEquals(written, Files.getLastModifiedTime(model));
            assertEquals(EngineFixtures.SST2_LABELS, teacher.labels());
        }
        int[] changed = train.labels().clone();
        changed[0] = 1 - changed[0];
        assertTrue(!ProbeTeacherFolder.key(EngineFixtures.encoder(), EngineFixtures.tokenizer(), train.texts(),
                changed, EngineFixtures.SST2_LABELS, EngineFixtures.probeSettings()).equals(EngineFixtures.probeKey()),
                "the key ignores the labels");
    }
}
