package dev.distill.engine.student.transformer;

import dev.distill.annotations.Architecture;
import dev.distill.engine.spec.DescriptorDefaults;
import dev.distill.engine.student.InitialWeights;
import dev.distill.engine.student.Student;
import dev.distill.engine.student.StudentArchitecture;
import dev.distill.engine.student.StudentDesign;
import dev.distill.engine.student.StudentPlan;
import dev.distill.engine.student.TeacherLayers;
import dev.distill.onnx.bert.BertWeights;
import dev.distill.onnx.quantize.DynamicInt8Quantizer;
import dev.distill.onnx.student.StudentSizes;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@link Architecture#TRANSFORMER}: post-LN BERT layers cut from the teacher ({@link #design}): the teacher's width,
 * heads, feed-forward size and LayerNorm epsilon, its embeddings, the {@code teacherLayers} (by default
 * {@code layers} of them evenly spaced, the last included; {@code layers = 0}: half the teacher's, rounded up) and,
 * when it fits, its classifier. Without a teacher ({@link #graph}, for tests of the network itself) the sizes are
 * the settings': {@code embeddingSize} wide, {@code heads} heads, {@code hiddenSize} feed-forward units.
 */
public final class TransformerArchitecture implements StudentArchitecture<TransformerGraph> {

    /** The layers of {@code @Student(layers = 0)} for a student made without a teacher ({@link #graph}). */
    public static final int DEFAULT_LAYERS = 2;

    /**
     * A student cut from its teacher starts where a fine-tuned BERT is, and a step of 1e-3 throws that away in the
     * first hundred steps; DistilBERT and TinyBERT fine-tune at 5e-5 .. 1e-4, and 1e-4 is their upper end, which a
     * few epochs of distillation need.
     */
    static final double LEARNING_RATE = 1e-4;

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

    /**
     * Cuts the student from the teacher: {@link TeacherCut} maps the teacher's tensors, this chooses the layers and
     * says in the log what was taken and which settings that leaves unused.
     *
     * @throws IllegalArgumentException when the teacher is not a BERT-family encoder (naming what was not found, with
     *                                  BILSTM suggested), a teacher layer is out of range (naming the teacher's
     *                                  count), or the teacher's vocabulary or positions do not fit
     */
    @Override
    public StudentDesign<TransformerGraph> design(StudentPlan student, StudentSizes sizes, TeacherLayers teacher,
            Consumer<String> log) {
        BertWeights weights = teacher.weights(name().name());
        int count = weights.layers().size();
        int[] chosen = student.teacherLayers().length > 0 ? student.teacherLayers()
                : TeacherCut.evenlySpaced(student.layers(), count);
        if (student.teacherLayers().length > 0 && student.layers() > 0 && student.layers() != chosen.length) {
            throw new IllegalArgumentException("student.teacherLayers " + Arrays.toString(chosen) + " lists "
                    + chosen.length + " teacher layers but student.layers = " + student.layers() + "; list "
                    + student.layers() + " or leave layers = 0");
        }
        TeacherCut cut = TeacherCut.of(weights, chosen, sizes.vocabularySize(), sizes.numClasses(),
                student.maxLength());
        TransformerGraph graph = cut.graph();
        String layers = Arrays.stream(chosen).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        String source = String.format(Locale.ROOT, "cut from the teacher %s: its layers %s of %d (counted from 1),"
                + " its embeddings (the word table as it is, unscaled; position rows 0 .. %d; token type 0; LayerNorm),"
                + " output layer %s; width %d, %d heads, feed-forward %d, LayerNorm epsilon %s, exact GELU,"
                + " %s pooling",
                teacher.model(), layers, count, student.maxLength() - 1, cut.headNote(), graph.sizes().embeddingSize(),
                graph.heads(), graph.feedForwardSize(), graph.layerNormEpsilon(), graph.pooling());
        log.accept("distill: TRANSFORMER student " + source + "; student.embeddingSize, student.hiddenSize and"
                + " student.heads are not used (the teacher's sizes are)");
        warnIfSet(log, "student.embeddingSize", student.embeddingSize(),
                DescriptorDefaults.integer("student.embeddingSize"), graph.sizes().embeddingSize());
        // An unset hiddenSize reaches the plan as the text students' default (Plans.hiddenSize).
        warnIfSet(log, "student.hiddenSize", student.hiddenSize(), DEFAULT_HIDDEN_SIZE, graph.feedForwardSize());
        warnIfSet(log, "student.heads", student.heads(), DescriptorDefaults.integer("student.heads"), graph.heads());
        return new StudentDesign<>(this, graph, null, new InitialWeights(cut.weights(), source),
                cut.teacherLayers());
    }

    /** A setting written with a value that is neither its default nor the teacher's: the user may expect it used. */
    private static void warnIfSet(Consumer<String> log, String setting, int value, int unset, int teachers) {
        if (value != unset && value != teachers) {
            log.accept("distill: warning: " + setting + " = " + value + " is not used: a TRANSFORMER student has"
                    + " its teacher's " + teachers + "; remove the setting");
        }
    }

    @Override
    public double defaultLearningRate() {
        return LEARNING_RATE;
    }

    @Override
    public Student create(TransformerGraph graph, float dropout) {
        return new TransformerStudent(graph, dropout);
    }

    /**
     * Every linear layer, whatever its size, gets int8 weights (one scale per output column, each input row scaled
     * first), dequantized into a float {@code MatMul} ({@link DynamicInt8Quantizer#withDenseWeightsOnly}); the
     * embedding rows are int8 as usual. Its activations stay float: {@code DynamicQuantizeMatMul}, which rounds each
     * layer's input with one scale per call, moved 3% of the answers of a student cut from MiniLM, and every mix of
     * it with float layers tried moved more than 1% (docs/export.md), while this form moved 0.5%. There is no LSTM, so when the int8 check
     * fails the export falls back to keeping the linear layers in float ({@code DynamicInt8.fallback}).
     */
    @Override
    public DynamicInt8Quantizer int8Quantizer() {
        return new DynamicInt8Quantizer().withMinDenseElements(0).withLstmInt8(false).withDenseWeightsOnly(true);
    }
}
