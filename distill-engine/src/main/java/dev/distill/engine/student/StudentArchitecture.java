package dev.distill.engine.student;

import dev.distill.annotations.Architecture;
import dev.distill.onnx.quantize.DynamicInt8Quantizer;
import dev.distill.onnx.student.StudentGraphWriter;
import dev.distill.onnx.student.StudentSizes;
import java.util.function.Consumer;

/**
 * One kind of student network, everything about it behind one object: which {@code @Student(architecture)} it
 * is, its own settings read from the {@code @Student} values and checked, its DJL network, its ONNX graph with
 * its tensors, and how its int8 model is made. Each lives in its own package ({@code student.bilstm}, ...) and
 * is registered by one line, its {@code Architecture} constant naming the class, which {@link StudentArchitectures}
 * makes by its public no-argument constructor.
 *
 * @param <G> the architecture's ONNX graph writer, a record of its sizes in the same package: its typed settings
 */
public interface StudentArchitecture<G extends StudentGraphWriter> {

    /** The {@code @Student(architecture)} constant this implements. */
    Architecture name();

    /**
     * Reads this architecture's own settings from the planned {@code @Student} values (for example the CNN reads
     * {@code hiddenSize} as its filters and {@code kernelSizes}) and checks them.
     *
     * @param student the {@code @Student} values
     * @param sizes   the sizes every student has (vocabulary and classes from the teacher)
     * @return the student's graph writer, which also lists its tensors
     * @throws IllegalArgumentException naming the setting that does not make a network of this architecture
     */
    G graph(StudentPlan student, StudentSizes sizes);

    /**
     * The student this architecture makes from the {@code @Student} values for this teacher. By default the values
     * alone make it ({@link #graph}) and the teacher's layers are never read; an architecture cut from its teacher
     * ({@code TRANSFORMER}) overrides this to take its sizes and first weights from the teacher's layers.
     *
     * @param student the {@code @Student} values
     * @param sizes   the sizes every student has, from the values and the teacher's tokenizer and labels
     * @param teacher the teacher's layers, read only when asked for
     * @param log     told what was taken from the teacher, and which settings that leaves unused
     * @throws IllegalArgumentException naming the setting, or the part of the teacher, that does not make a network
     */
    default StudentDesign<G> design(StudentPlan student, StudentSizes sizes, TeacherLayers teacher,
            Consumer<String> log) {
        return StudentDesign.of(this, student, sizes);
    }

    /**
     * AdamW's peak learning rate when {@code @Distill(learningRate)} is left unset (NaN). The default, 1e-3, is
     * what a small student trained from a random start takes (the students of Tang et al., 2019).
     */
    default double defaultLearningRate() {
        return DEFAULT_LEARNING_RATE;
    }

    /** {@link #defaultLearningRate()} unless an architecture says otherwise. */
    double DEFAULT_LEARNING_RATE = 1e-3;

    /** The hidden width of a text student whose {@code @Student(hiddenSize)} is left 0: 256 (Tang et al.'s BiLSTM). */
    int DEFAULT_HIDDEN_SIZE = 256;

    /** The dropout of a text student whose {@code @Student(dropout)} is left unset (NaN). */
    double DEFAULT_DROPOUT = 0.1;

    /**
     * Creates an uninitialized DJL network with the math of {@code graph}.
     *
     * @param dropout dropout rate on the sentence vector during training, in [0, 1)
     * @throws IllegalArgumentException if the dropout rate is out of range
     */
    Student create(G graph, float dropout);

    /**
     * How this architecture's {@code quantization = INT8} model is made: which of its layers become int8. The
     * default: the embedding rows, LSTMs and dense layers of at least 16K weights; Conv stays float.
     */
    default DynamicInt8Quantizer int8Quantizer() {
        return new DynamicInt8Quantizer();
    }
}
