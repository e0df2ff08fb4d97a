package dev.distill.engine.student.transformer;

import dev.distill.annotations.Architecture;
import dev.distill.engine.student.Student;
import dev.distill.engine.student.StudentArchitecture;
import dev.distill.engine.student.StudentPlan;
import dev.distill.onnx.quantize.DynamicInt8Quantizer;
import dev.distill.onnx.student.StudentSizes;
import dev.distill.onnx.student.transformer.TransformerGraph;

/**
 * {@link Architecture#TRANSFORMER}: {@code layers} post-LN BERT layers of {@code heads} heads, {@code embeddingSize}
 * wide, with {@code hiddenSize} feed-forward units, and a position table of {@code maxLength} rows.
 */
public final class TransformerArchitecture implements StudentArchitecture<TransformerGraph> {

    /**
     * The layers of {@code @Student(layers = 0)} until the student starts from the teacher's weights; then 0 will
     * mean half of the teacher's layers (DistilBERT's choice).
     */
    public static final int DEFAULT_LAYERS = 2;

    @Override
    public Architecture name() {
        return Architecture.TRANSFORMER;
    }

    @Override
    public TransformerGraph graph(StudentPlan student, StudentSizes sizes) {
        if (student.layers() < 0) {
            throw new IllegalArgumentException("student.layers = " + student.layers() + " is negative: it is the"
                    + " number of encoder layers of a TRANSFORMER student; write 0 to let distill choose");
        }
        int heads = student.heads();
        if (heads < 1 || sizes.embeddingSize() % heads != 0) {
            throw new IllegalArgumentException("student.heads = " + heads + " does not divide student.embeddingSize = "
                    + sizes.embeddingSize() + ": each attention head of a TRANSFORMER student reads embeddingSize /"
                    + " heads dimensions; choose a divisor of " + sizes.embeddingSize());
        }
        int layers = student.layers() == 0 ? DEFAULT_LAYERS : student.layers();
        return new TransformerGraph(sizes, layers, heads, student.hiddenSize(), student.maxLength());
    }

    @Override
    public Student create(TransformerGraph graph, float dropout) {
        return new TransformerStudent(graph, dropout);
    }

    /**
     * Every linear layer becomes {@code DynamicQuantizeMatMul}, whatever its size: a transformer's layers run once
     * per token rather than once per text, so they are where its time goes (the default leaves layers below 16K
     * weights in float, which would keep a narrow encoder entirely float). The embedding rows are int8 as usual.
     * There is no LSTM, so when the int8 check fails the export falls back to keeping the linear layers in float
     * ({@code DynamicInt8.fallback}).
     */
    @Override
    public DynamicInt8Quantizer int8Quantizer() {
        return new DynamicInt8Quantizer().withMinDenseElements(0).withLstmInt8(false);
    }
}
