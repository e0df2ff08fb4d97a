package dev.distill.engine;

/**
 * The keys of the provenance that config.json ({@code distill.provenance}) and the report record: where the inputs
 * came from and what the export did. Written by the goal, {@link Plans} and {@link Distiller}; read by the
 * benchmarks and by anyone who inspects a model folder, so each key is spelled here only.
 */
public final class ProvenanceKeys {

    /** The binary name of the descriptor type. */
    public static final String DESCRIPTOR = "descriptor";
    /** The plugin's version. */
    public static final String DISTILL_VERSION = "distill.version";
    /** {@code project.build.outputTimestamp}, when the project sets it ({@link BuildTime}). */
    public static final String BUILD_TIME = "build.time";
    /** The Maven coordinates of a teacher taken from an artifact. */
    public static final String TEACHER_ARTIFACT = "teacher.artifact";
    /** How the teacher became a classifier: its own head or a fitted linear probe. */
    public static final String TEACHER_HEAD = "teacher.head";
    /** Where the student's embedding table started from ({@code student.embeddings}). */
    public static final String STUDENT_EMBEDDINGS = "student.embeddings";
    /** The hidden-state term's weight and why ({@code hiddenWeight}, automatic when unset). */
    public static final String HIDDEN_WEIGHT = "hiddenWeight";
    /** The layer term's weight and why ({@code layerWeight}, automatic when unset). */
    public static final String LAYER_WEIGHT = "layerWeight";
    /** The attention term's weight and why ({@code attentionWeight}, automatic when unset). */
    public static final String ATTENTION_WEIGHT = "attentionWeight";
    /** What running the teacher beside the training cost (seconds), when the layer or attention term was on. */
    public static final String TEACHER_BESIDE_TRAINING = "teacher.besideTraining";
    /** Where the student's other first weights came from, when not all random (a student cut from the teacher). */
    public static final String STUDENT_INITIAL_WEIGHTS = "student.initialWeights";
    /** How many texts the teacher labeled for training (gold, transfer and augmented). */
    public static final String TRANSFER_TEXTS = "transfer.texts";
    /** Where a tabular teacher's logits came from: its {@code logits}, or the log of its {@code probabilities}. */
    public static final String TEACHER_OUTPUT = "teacher.output";
    /** The missing feature values a tabular build filled, per file and column, or {@code none}. */
    public static final String MISSING_VALUES = "data.missingValues";
    /** The training augmentation of an image build: the random crop's padding and the flip. */
    public static final String AUGMENTATION = "data.augmentation";
    /** The largest absolute logit difference between the trained network and its fp32 ONNX export. */
    public static final String PARITY_MAX_ABS_LOGIT_DIFF = "parity.maxAbsLogitDiff";
    /** What vocabulary pruning kept. */
    public static final String VOCABULARY_PRUNING = "vocabulary.pruning";
    /** The bytes vocabulary pruning saved. */
    public static final String VOCABULARY_BYTES_SAVED = "vocabulary.bytesSaved";
    /** The quantizer that made the shipped model. */
    public static final String QUANTIZATION = "quantization";
    /** The share of dev texts on which the int8 student answers as the fp32 one. */
    public static final String INT8_AGREEMENT_WITH_FP32 = "int8.agreementWithFp32";

    /** An ensemble's teacher weights, each teacher's after its name, and how they were found (FIXED or FITTED). */
    public static final String TEACHER_WEIGHTS = "teacher.weights";

    private static final String QUANTIZATION_FALLBACK = "quantization.fallback.";

    private ProvenanceKeys() {
    }

    /** The Maven coordinates of teacher {@code index} (from 0) of an ensemble, when taken from an artifact. */
    public static String teacherArtifact(int index) {
        return "teacher[" + index + "].artifact";
    }

    /** How teacher {@code index} (from 0) of an ensemble became a classifier, as {@link #TEACHER_HEAD}. */
    public static String teacherHead(int index) {
        return "teacher[" + index + "].head";
    }

    /** The key of the {@code n}-th (from 1) tensor that quantization left in fp32, with why. */
    public static String quantizationFallback(int n) {
        return QUANTIZATION_FALLBACK + n;
    }
}
