package dev.distill.engine.train;

import dev.distill.annotations.Architecture;
import dev.distill.annotations.Embeddings;
import dev.distill.engine.data.LabelSet;
import dev.distill.engine.data.TextDataset;
import dev.distill.engine.data.TokenizedExamples;
import dev.distill.engine.data.TrainingData;
import dev.distill.engine.data.TransferSet;
import dev.distill.engine.data.TransferSetBuilder;
import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.engine.student.StudentPlan;
import dev.distill.engine.student.StudentArchitectures;
import dev.distill.engine.student.StudentDesign;
import dev.distill.runtime.TextEncoder;
import java.util.Arrays;
import java.util.Map;

/**
 * The SST-2 slice the training tests distill: 2,000 training rows and the whole dev set, labelled
 * by the real linear-probe teacher (MiniLM int8 + softmax regression) and tokenized with its
 * tokenizer at the student's max length. Built once per JVM.
 */
final class Sst2Fixture {

    static final int TRAIN_ROWS = 2000;
    static final int MAX_LENGTH = 48;

    private Sst2Fixture() {}

    static TransferSet transferSet() {
        return Holder.SET;
    }

    static int vocabularySize() {
        return Holder.VOCABULARY;
    }

    static StudentDesign<?> design(Architecture architecture) {
        return StudentArchitectures.design(new StudentPlan(architecture, 64, 64, new int[] {2, 3, 4}, 2, 4, MAX_LENGTH,
                Embeddings.RANDOM),
                vocabularySize(), 2);
    }

    /** The share of the dev set's most frequent label. */
    static double majorityAccuracy() {
        int[] labels = transferSet().dev().labels();
        long positives = Arrays.stream(labels).filter(l -> l == 1).count();
        return Math.max(positives, labels.length - positives) / (double) labels.length;
    }

    /** The first {@code rows} training examples. */
    static TokenizedExamples trainHead(int rows) {
        TokenizedExamples train = transferSet().train();
        return new TokenizedExamples(Arrays.copyOf(train.tokenIds(), rows), Arrays.copyOf(train.labels(), rows),
                Arrays.copyOf(train.teacherLogits(), rows));
    }

    private static final class Holder {
        static final TransferSet SET = build();
        static final int VOCABULARY = vocabulary();

        private static TransferSet build() {
            TextDataset train = EngineFixtures.sst2Train(TRAIN_ROWS);
            TrainingData data = new TrainingData(LabelSet.of(EngineFixtures.SST2_LABELS), train,
                    EngineFixtures.sst2Dev(), null, false, Map.of());
            return new TransferSetBuilder(EngineFixtures.probeTeacher(), MAX_LENGTH).build(data);
        }

        private static int vocabulary() {
            try (TextEncoder encoder = TextEncoder.load(EngineFixtures.tokenizer(), MAX_LENGTH)) {
                return encoder.vocabularySize();
            }
        }
    }
}
