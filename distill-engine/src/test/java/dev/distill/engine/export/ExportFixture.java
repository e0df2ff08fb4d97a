package dev.distill.engine.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.annotations.Architecture;
import dev.distill.annotations.Embeddings;
import dev.distill.engine.data.TextDataset;
import dev.distill.engine.data.TokenizedExamples;
import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.engine.train.DistillationTrainer;
import dev.distill.engine.train.TrainedStudent;
import dev.distill.engine.train.TrainingConfig;
import dev.distill.engine.student.StudentPlan;
import dev.distill.engine.student.StudentArchitectures;
import dev.distill.engine.student.StudentDesign;
import dev.distill.runtime.EncodedBatch;
import dev.distill.runtime.TextEncoder;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Small students really trained by {@link DistillationTrainer} on gold labels (alpha 0, so no teacher is needed)
 * of the first {@value #TRAIN_ROWS} SST-2 training rows, tokenized with the real MiniLM tokenizer; checked on the
 * whole SST-2 dev set. One training per architecture per JVM, shared by the export tests and never closed.
 */
final class ExportFixture {

    static final int TRAIN_ROWS = 4000;
    static final int MAX_LENGTH = 48;
    static final int THREADS = 1;

    private static final Map<Architecture, TrainedStudent> STUDENTS = new EnumMap<>(Architecture.class);
    private static final Map<Architecture, ModelProto> FP32 = new EnumMap<>(Architecture.class);
    private static final Map<Architecture, ModelProto> INT8 = new EnumMap<>(Architecture.class);

    private ExportFixture() {
    }

    /** The trained student of an architecture (trained on first use). */
    static synchronized TrainedStudent student(Architecture architecture) {
        return STUDENTS.computeIfAbsent(architecture, ExportFixture::train);
    }

    /** The float32 export of {@link #student}, with one setting in its metadata. */
    static synchronized ModelProto fp32(Architecture architecture) {
        return FP32.computeIfAbsent(architecture,
                a -> new OnnxStudentExporter().export(student(a), Map.of("distill.test", "export")));
    }

    /** The default int8 quantization of {@link #fp32}. */
    static synchronized ModelProto int8(Architecture architecture) {
        return INT8.computeIfAbsent(architecture, a -> new DynamicInt8().quantize(fp32(a)).model());
    }

    static StudentDesign<?> design(Architecture architecture) {
        // 512 bigram buckets: the bag's trained pairs go through the export, int8 and pruning checks too.
        return StudentArchitectures.design(new StudentPlan(architecture, 64, 64, new int[] {2, 3, 4}, 2, 4, MAX_LENGTH,
                Embeddings.RANDOM).withBigramBuckets(512),
                Data.VOCABULARY, 2);
    }

    static TokenizedExamples train() {
        return Data.TRAIN;
    }

    static TokenizedExamples dev() {
        return Data.DEV;
    }

    /** "file:line "text"" of dev example i, as the checks' messages show it. */
    static IntFunction<String> describeDev() {
        TextDataset dev = Data.DEV_TEXTS;
        return i -> dev.location(i) + " \"" + dev.texts().get(i) + "\"";
    }

    /** The MiniLM tokenizer at the students' max length; close it. */
    static TextEncoder encoder() {
        return TextEncoder.load(EngineFixtures.tokenizer(), MAX_LENGTH);
    }

    private static TrainedStudent train(Architecture architecture) {
        TrainingConfig config = TrainingConfig.builder().epochs(3).batchSize(32).learningRate(3e-3f).alpha(0f)
                .warmupFraction(0.1f).patience(2).dropout(0.1f).seed(11).threads(THREADS).progressIntervalSeconds(60)
                .build();
        TrainedStudent trained = new DistillationTrainer(config, line -> { })
                .train(design(architecture), Data.TRAIN, Data.DEV);
        System.out.printf("%s trained for the export tests: dev accuracy %.4f%n", architecture,
                trained.history().best().devAccuracy());
        return trained;
    }

    private static final class Data {
        static final TextDataset DEV_TEXTS = EngineFixtures.sst2Dev();
        static final int VOCABULARY;
        static final TokenizedExamples TRAIN;
        static final TokenizedExamples DEV;

        static {
            TextDataset train = EngineFixtures.sst2Train(TRAIN_ROWS);
            try (TextEncoder encoder = encoder()) {
                VOCABULARY = encoder.vocabularySize();
                TRAIN = new TokenizedExamples(tokenize(encoder, train.texts()), train.labels(), null);
                DEV = new TokenizedExamples(tokenize(encoder, DEV_TEXTS.texts()), DEV_TEXTS.labels(), null);
            }
        }

        /** Unpadded rows, one text at a time (no batch padding to strip). */
        private static int[][] tokenize(TextEncoder encoder, List<String> texts) {
            int[][] rows = new int[texts.size()][];
            for (int i = 0; i < rows.length; i++) {
                EncodedBatch one = encoder.encode(List.of(texts.get(i)));
                rows[i] = Arrays.stream(one.inputIds()[0]).mapToInt(Math::toIntExact).toArray();
            }
            return rows;
        }
    }
}
