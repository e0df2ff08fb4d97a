package dev.distill.engine.data;

import dev.distill.engine.augment.AugmentOptions;
import dev.distill.engine.augment.MaskTokens;
import dev.distill.engine.augment.TextAugmenter;
import dev.distill.engine.augment.WordNeighbours;
import dev.distill.engine.signal.Signal;
import dev.distill.engine.teacher.BatchedTeacherRun;
import dev.distill.engine.teacher.Logits;
import dev.distill.engine.teacher.ProgressListener;
import dev.distill.engine.teacher.SoftTargetCache;
import dev.distill.engine.teacher.Teacher;
import dev.distill.engine.teacher.TeacherOutput;
import dev.distill.runtime.EncodedBatch;
import dev.distill.runtime.FloatTensor;
import dev.distill.runtime.TextEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Builds the student's data: training texts (plus transfer texts and augmented copies) labelled by
 * the teacher's logits, cached on disk when a cache is given, and tokenized with the student's
 * tokenizer (the teacher's unless {@link #studentTokenizer} names another) at the student's max length; the dev texts likewise, with their gold labels. An ensemble's soft targets
 * are mixed from each teacher's, each cached under its own key ({@link TeacherLabels}).
 */
public final class TransferSetBuilder {

    private static final int TOKENIZER_BATCH = 256;
    /** The teacher signals the soft-target cache keeps beside the logits: one vector per text. */
    private static final Set<Signal> CACHED_SIGNALS = Set.of(Signal.POOLED);

    private final Teacher teacher;
    private final int studentMaxLength;
    private Path studentTokenizer;
    private AugmentOptions augment = AugmentOptions.tang(0, 0);
    private SoftTargetCache cache;
    private WordNeighbours neighbours = WordNeighbours.NONE;
    private int batchSize = BatchedTeacherRun.DEFAULT_BATCH_SIZE;
    private ProgressListener progress = ProgressListener.NONE;
    private Set<Signal> signals = Set.of();

    /**
     * @param teacher labels the texts; its tokenizer also tokenizes them for the student, unless
     *     {@link #studentTokenizer} names another
     * @param studentMaxLength tokens per text for the student, special tokens included
     */
    public TransferSetBuilder(Teacher teacher, int studentMaxLength) {
        this.teacher = Objects.requireNonNull(teacher, "teacher");
        if (studentMaxLength < 2) {
            throw new IllegalArgumentException("student max length must be at least 2, got " + studentMaxLength);
        }
        this.studentMaxLength = studentMaxLength;
    }

    /** Tokenizes the texts for the student with this tokenizer.json (by default the teacher's). */
    public TransferSetBuilder studentTokenizer(Path tokenizerJson) {
        this.studentTokenizer = Objects.requireNonNull(tokenizerJson, "tokenizerJson");
        return this;
    }

    /** Augments the training texts (off by default). */
    public TransferSetBuilder augment(AugmentOptions options) {
        this.augment = Objects.requireNonNull(options, "options");
        return this;
    }

    /** The words that augmentation may put in place of a word (none by default: words are only masked). */
    public TransferSetBuilder neighbours(WordNeighbours words) {
        this.neighbours = Objects.requireNonNull(words, "words");
        return this;
    }

    /** Caches teacher logits in this cache (none by default). */
    public TransferSetBuilder cache(SoftTargetCache softTargetCache) {
        this.cache = softTargetCache;
        return this;
    }

    /**
     * Asks the teacher for these signals of the training texts besides their logits: those the loss
     * terms read ({@code DistillationLoss#teacherSignals()}); none by default. The sentence vectors
     * ({@code POOLED}) are cached per text beside the logits; per-token signals (hidden states, attention
     * maps) are too large to cache, so a build that reads them runs the teacher over the training texts.
     */
    public TransferSetBuilder signals(Set<Signal> lossSignals) {
        this.signals = Set.copyOf(lossSignals);
        return this;
    }

    /** Texts per teacher call ({@value BatchedTeacherRun#DEFAULT_BATCH_SIZE} by default). */
    public TransferSetBuilder batchSize(int texts) {
        this.batchSize = texts;
        return this;
    }

    /** Told how many texts the teacher has labelled in the current pass (train, then dev). */
    public TransferSetBuilder progress(ProgressListener listener) {
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Labels and tokenizes the data. */
    public TransferSet build(TrainingData data) {
        Path studentFile = studentTokenizer != null ? studentTokenizer : teacher.tokenizerFile();
        try (TextEncoder encoder = TextEncoder.load(studentFile, studentMaxLength)) {
            List<String> texts = new ArrayList<>(data.train().texts());
            // The unlabelled texts: the transfer file's, then the soft-target folder's (whose outputs the cache holds).
            if (data.transfer() != null) {
                texts.addAll(data.transfer().texts());
            }
            if (data.softTargets() != null) {
                texts.addAll(data.softTargets().texts());
            }
            int transferRows = texts.size() - data.train().size();
            List<TextAugmenter.Copy> augmented = augment.enabled()
                    ? new TextAugmenter(augment, teacherMaskToken(studentFile, encoder), neighbours)
                            .augment(data.train().texts())
                    : List.of();
            augmented.forEach(copy -> texts.add(copy.text()));
            int gold = data.train().size();
            IntFunction<String> location = i -> describe(data, i, gold, transferRows, augmented);
            Set<Signal> beyondLogits = TeacherOutput.beyondLogits(signals);
            float[][] trainLogits;
            Map<Signal, FloatTensor[]> trainSignals = new LinkedHashMap<>();
            if (beyondLogits.isEmpty()) {
                trainLogits = teacherLogits(texts, location);
            } else if (cache != null && CACHED_SIGNALS.containsAll(beyondLogits)) {
                trainLogits = cachedOutputs(texts, beyondLogits, location, trainSignals);
            } else {
                List<TeacherOutput> outputs = new BatchedTeacherRun(teacher, batchSize, progress)
                        .outputs(texts, beyondLogits, location);
                trainLogits = outputs.stream().map(TeacherOutput::logits).toArray(float[][]::new);
                for (Signal signal : beyondLogits) {
                    trainSignals.put(signal, outputs.stream().map(o -> o.signal(signal)).toArray(FloatTensor[]::new));
                }
            }
            int[] labels = new int[texts.size()];
            Arrays.fill(labels, TokenizedExamples.UNLABELED);
            System.arraycopy(data.train().labels(), 0, labels, 0, gold);
            TokenizedExamples train = new TokenizedExamples(tokenize(encoder, texts), labels, trainLogits,
                    trainSignals);

            float[][] devLogits = teacherLogits(data.dev().texts(), data.dev()::location);
            TokenizedExamples dev = new TokenizedExamples(tokenize(encoder, data.dev().texts()),
                    data.dev().labels().clone(), devLogits);
            return new TransferSet(data.labels().labels(), train, dev, gold, transferRows, augmented.size(),
                    Logits.accuracy(devLogits, data.dev().labels()));
        }
    }

    /**
     * The mask token augmentation writes into a copy's text: the teacher's, since the teacher reads the copies (the
     * student's tokenizer may have another one, or none).
     */
    private String teacherMaskToken(Path studentFile, TextEncoder student) {
        if (studentFile.equals(teacher.tokenizerFile())) {
            return MaskTokens.of(student);
        }
        try (TextEncoder teacherEncoder = TextEncoder.load(teacher.tokenizerFile(), studentMaxLength)) {
            return MaskTokens.of(teacherEncoder);
        }
    }

    /** Names training text {@code i}: gold rows, then transfer rows (file, then soft targets), then augmented copies. */
    private static String describe(TrainingData data, int i, int gold, int transferRows,
            List<TextAugmenter.Copy> augmented) {
        if (i < gold) {
            return data.train().location(i);
        }
        int fileRows = data.transfer() == null ? 0 : data.transfer().size();
        if (i < gold + fileRows) {
            return data.transfer().location(i - gold);
        }
        if (i < gold + transferRows) {
            return data.softTargets().location(i - gold - fileRows);
        }
        return "an augmented copy of " + data.train().location(augmented.get(i - gold - transferRows).source());
    }

    /**
     * The logits and the vector signals of texts through the cache, one column each: only the texts missing from a
     * column go to the teacher. Fills {@code signals}; returns the logits.
     */
    private float[][] cachedOutputs(List<String> texts, Set<Signal> beyondLogits, IntFunction<String> location,
            Map<Signal, FloatTensor[]> signals) {
        BatchedTeacherRun run = new BatchedTeacherRun(teacher, batchSize, progress);
        List<String> columns = new ArrayList<>(List.of(SoftTargetCache.LOGITS));
        beyondLogits.forEach(signal -> columns.add(signal.name()));
        Map<String, float[][]> rows = cache.getOrCompute(teacherKey(), columns, texts, (missing, indices) -> {
            List<TeacherOutput> outputs = run.outputs(missing, beyondLogits, i -> location.apply(indices[i]));
            Map<String, float[][]> computed = new LinkedHashMap<>();
            computed.put(SoftTargetCache.LOGITS, outputs.stream().map(TeacherOutput::logits).toArray(float[][]::new));
            for (Signal signal : beyondLogits) {
                computed.put(signal.name(), outputs.stream().map(o -> o.signal(signal).values())
                        .toArray(float[][]::new));
            }
            return computed;
        });
        for (Signal signal : beyondLogits) {
            signals.put(signal, java.util.Arrays.stream(rows.get(signal.name()))
                    .map(row -> new FloatTensor(new long[] {row.length}, row)).toArray(FloatTensor[]::new));
        }
        return rows.get(SoftTargetCache.LOGITS);
    }

    private String teacherKey() {
        return TeacherLabels.key(teacher);
    }

    private float[][] teacherLogits(List<String> texts, IntFunction<String> location) {
        return new TeacherLabels(cache, batchSize, progress).logits(teacher, texts, location);
    }

    /**
     * Token ids without padding, special tokens included, truncated to the encoder's max length: the rows the transfer
     * set holds (public for tests that build such rows themselves).
     */
    public static int[][] tokenize(TextEncoder encoder, List<String> texts) {
        int[][] ids = new int[texts.size()][];
        for (int start = 0; start < texts.size(); start += TOKENIZER_BATCH) {
            int end = Math.min(texts.size(), start + TOKENIZER_BATCH);
            EncodedBatch batch = encoder.encode(texts.subList(start, end));
            for (int i = 0; i < batch.size(); i++) {
                int[] row = new int[batch.lengths()[i]];
                for (int t = 0; t < row.length; t++) {
                    row[t] = Math.toIntExact(batch.inputIds()[i][t]);
                }
                ids[start + i] = row;
            }
        }
        return ids;
    }
}
