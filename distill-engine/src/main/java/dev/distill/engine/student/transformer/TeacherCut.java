package dev.distill.engine.student.transformer;

import dev.distill.onnx.GatheredTable;
import dev.distill.onnx.bert.Activation;
import dev.distill.onnx.bert.BertHead;
import dev.distill.onnx.bert.BertLayerWeights;
import dev.distill.onnx.bert.BertWeights;
import dev.distill.onnx.bert.LayerNorm;
import dev.distill.onnx.bert.Linear;
import dev.distill.onnx.bert.Pooling;
import dev.distill.onnx.student.StudentSizes;
import dev.distill.onnx.student.StudentWeights;
import dev.distill.onnx.student.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A {@link TransformerGraph} student cut from a BERT-family teacher read by {@code BertLayout}, as DistilBERT and
 * TinyBERT start theirs: the teacher's width, heads, feed-forward size and LayerNorm epsilon, and its tensors as the
 * student's first values (the names are mapped in {@link TransformerGraph}'s Javadoc): the whole word table, the
 * first {@code maxLength} position rows, token-type row 0, the embedding LayerNorm, the chosen layers, the teacher
 * head's pooling (masked mean or {@code [CLS]}) and, when its classifier has as many classes, that classifier as
 * {@code out}.
 *
 * @param graph        the student's sizes
 * @param weights      its first values
 * @param teacherLayers the teacher layers copied, counted from 1, student layer i from the i-th
 * @param headCopied   whether {@code out} is the teacher's classifier (else it keeps its random start)
 * @param headNote     why the head was or was not copied, for the log and the report
 */
public record TeacherCut(TransformerGraph graph, StudentWeights weights, int[] teacherLayers, boolean headCopied,
        String headNote) {

    /** Copies the layer list. */
    public TeacherCut {
        teacherLayers = teacherLayers.clone();
    }

    /** A copy of the teacher layers copied, counted from 1. */
    @Override
    public int[] teacherLayers() {
        return teacherLayers.clone();
    }

    /**
     * Cuts the student.
     *
     * @param teacher        the teacher's weights
     * @param teacherLayers  the teacher layers to copy, counted from 1, increasing, each at most the teacher's count
     * @param vocabularySize the student tokenizer's vocabulary, which must be the teacher table's rows
     * @param numClasses     the student's classes
     * @param maxLength      the student's position rows, at most the teacher's
     * @throws IllegalArgumentException naming what does not fit: a layer out of range (with the teacher's count), a
     *                                  vocabulary or length the teacher lacks, a GELU form or epsilons the student
     *                                  does not compute
     */
    public static TeacherCut of(BertWeights teacher, int[] teacherLayers, int vocabularySize, int numClasses,
            int maxLength) {
        int count = teacher.layers().size();
        for (int layer : teacherLayers) {
            if (layer < 1 || layer > count) {
                throw new IllegalArgumentException("student.teacherLayers " + Arrays.toString(teacherLayers)
                        + " names teacher layer " + layer + ", but the teacher has " + count + " layers, counted"
                        + " from 1: choose among 1 .. " + count);
            }
        }
        if (teacherLayers.length == 0) {
            throw new IllegalArgumentException("a student cut from the teacher needs at least one teacher layer");
        }
        GatheredTable word = teacher.embeddings().word();
        if (word.rows() != vocabularySize) {
            throw new IllegalArgumentException("the teacher's word table " + word.initializer() + " has " + word.rows()
                    + " rows but its tokenizer has " + vocabularySize + " tokens: a TRANSFORMER student reads the"
                    + " teacher's table row by token id, so the teacher's tokenizer.json must be the one its model was"
                    + " exported with; give that one (teacher.tokenizer), or use student.architecture = BILSTM");
        }
        if (maxLength > teacher.maxPositions()) {
            throw new IllegalArgumentException("student.maxLength = " + maxLength + " is longer than the teacher's "
                    + teacher.maxPositions() + " position rows; set it to at most " + teacher.maxPositions());
        }
        List<BertLayerWeights> chosen = Arrays.stream(teacherLayers).mapToObj(k -> teacher.layers().get(k - 1))
                .toList();
        for (int i = 0; i < chosen.size(); i++) {
            if (chosen.get(i).activation() != Activation.GELU_ERF) {
                throw new IllegalArgumentException("teacher layer " + teacherLayers[i] + " computes "
                        + chosen.get(i).activation() + ", but a TRANSFORMER student computes the exact GELU ("
                        + Activation.GELU_ERF + ") only; use student.architecture = BILSTM for this teacher");
            }
        }
        float epsilon = epsilon(teacher, chosen);
        // The student pools as the teacher's head does, so that the copied classifier reads the vector it was fitted
        // on; an encoder without a head is pooled by the masked mean, as sentence-transformers pool it.
        Pooling pooling = teacher.head().map(BertHead::pooling).orElse(Pooling.MASKED_MEAN);
        TransformerGraph graph = new TransformerGraph(new StudentSizes(vocabularySize, teacher.hidden(), numClasses),
                chosen.size(), teacher.heads(), teacher.feedForward(), maxLength, epsilon, pooling);

        List<Tensor> tensors = new ArrayList<>();
        int width = teacher.hidden();
        tensors.add(Tensor.of("embedding", word.values().clone(), word.rows(), width));
        tensors.add(Tensor.of("embeddings.position",
                Arrays.copyOf(teacher.embeddings().position().values(), maxLength * width), maxLength, width));
        // BERT's token type 0, which the student adds to every token; a teacher without the table adds nothing.
        float[] typeZero = teacher.embeddings().tokenType().map(table -> table.row(0)).orElse(new float[width]);
        tensors.add(Tensor.of("embeddings.token_type", typeZero, width));
        addNorm(tensors, "embeddings.norm", teacher.embeddings().layerNorm());
        for (int i = 0; i < chosen.size(); i++) {
            addLayer(tensors, TransformerGraph.layer(i), chosen.get(i));
        }
        String headNote = headNote(teacher.head(), numClasses);
        boolean headCopied = headNote.startsWith(COPIED);
        if (headCopied) {
            Linear classifier = teacher.head().orElseThrow().classifier();
            addLinear(tensors, "out", classifier);
        }
        return new TeacherCut(graph, StudentWeights.of(tensors), teacherLayers, headCopied, headNote);
    }

    private static final String COPIED = "the teacher's classifier";

    private static String headNote(Optional<BertHead> head, int numClasses) {
        if (head.isEmpty()) {
            return "random (the teacher's graph has no classifier head behind logits)";
        }
        if (head.get().classifier().outputs() != numClasses) {
            return "random (the teacher's classifier has " + head.get().classifier().outputs() + " outputs, the"
                    + " student " + numClasses + " classes)";
        }
        return COPIED + " (" + head.get().pooling() + " pooling, " + numClasses + " classes)";
    }

    /**
     * The student has one epsilon; exports write one per norm, and BERT's are all equal. Different ones would make the
     * copied layers compute something else, so they are refused rather than averaged.
     */
    private static float epsilon(BertWeights teacher, List<BertLayerWeights> chosen) {
        List<LayerNorm> norms = new ArrayList<>();
        norms.add(teacher.embeddings().layerNorm());
        chosen.forEach(layer -> {
            norms.add(layer.attentionNorm());
            norms.add(layer.outputNorm());
        });
        List<Float> epsilons = norms.stream().map(LayerNorm::epsilon).distinct().toList();
        if (epsilons.size() != 1) {
            throw new IllegalArgumentException("the teacher's LayerNorms have different epsilons " + epsilons
                    .stream().map(String::valueOf).collect(Collectors.joining(", ")) + ", but a TRANSFORMER student"
                    + " has one; use student.architecture = BILSTM for this teacher");
        }
        return epsilons.get(0);
    }

    private static void addLayer(List<Tensor> tensors, String prefix, BertLayerWeights layer) {
        addLinear(tensors, prefix + ".query", layer.query());
        addLinear(tensors, prefix + ".key", layer.key());
        addLinear(tensors, prefix + ".value", layer.value());
        addLinear(tensors, prefix + ".attention_output", layer.attentionOutput());
        addNorm(tensors, prefix + ".attention_norm", layer.attentionNorm());
        addLinear(tensors, prefix + ".intermediate", layer.feedForwardIn());
        addLinear(tensors, prefix + ".output", layer.feedForwardOut());
        addNorm(tensors, prefix + ".output_norm", layer.outputNorm());
    }

    private static void addLinear(List<Tensor> tensors, String prefix, Linear linear) {
        tensors.add(Tensor.of(prefix + ".w", linear.weight().clone(), linear.weightShape()));
        tensors.add(Tensor.of(prefix + ".b", linear.bias().clone(), linear.outputs()));
    }

    private static void addNorm(List<Tensor> tensors, String prefix, LayerNorm norm) {
        tensors.add(Tensor.of(prefix + ".w", norm.scale().clone(), norm.width()));
        tensors.add(Tensor.of(prefix + ".b", norm.bias().clone(), norm.width()));
    }

    /**
     * The default choice of teacher layers, counted from 1: {@code layers} evenly spaced over the teacher's
     * {@code teacherCount}, always including the last (6 → 3: 2, 4, 6; 12 → 4: 3, 6, 9, 12; 6 → 6: all).
     *
     * @param layers the student's layers, 0 for half of the teacher's rounded up (DistilBERT's choice)
     * @throws IllegalArgumentException when the student would have more layers than the teacher
     */
    public static int[] evenlySpaced(int layers, int teacherCount) {
        int k = layers == 0 ? (teacherCount + 1) / 2 : layers;
        if (k > teacherCount) {
            throw new IllegalArgumentException("student.layers = " + layers + " is more than the teacher's "
                    + teacherCount + " layers: a student cut from the teacher copies each of its layers from one of"
                    + " the teacher's; choose at most " + teacherCount);
        }
        int[] chosen = new int[k];
        for (int i = 0; i < k; i++) {
            // Layer (i + 1) * n / k, rounded to the nearest: the last is always n, the spacing as even as n / k allows.
            chosen[i] = (int) Math.round((double) (i + 1) * teacherCount / k);
        }
        return chosen;
    }
}
