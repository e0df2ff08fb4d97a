package dev.distill.onnx.student;

import dev.distill.annotations.Architecture;
import dev.distill.contract.InputKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One architecture's ONNX form, with its sizes: the weight tensors it has and the nodes of its forward pass.
 * Every student reads {@code embedding} {@code [V, d]} first and ends with the output layer {@code out}
 * ({@code out.w} {@code [C, features]}, {@code out.b} {@code [C]}); an architecture writes what lies between,
 * from the embeddings to the sentence features. Implementations are records of their sizes, checked when they
 * are made, each in its student's package: the text students' in the engine
 * ({@code dev.distill.engine.student.bilstm.BiLstmGraph}, ...), the tabular MLP's here ({@code student.mlp}).
 */
public interface StudentGraphWriter {

    /** The {@code @Student(architecture)} this graph implements; recorded in the model's metadata. */
    Architecture architecture();

    /**
     * What the student reads: the graph declares this kind's {@link InputKind#studentTensors()} as its inputs.
     * Text (token ids and mask) for every student today, whose first layer is the embedding table.
     */
    default InputKind inputKind() {
        return InputKind.TEXT;
    }

    /** The sizes every text student has (vocabulary, embedding width, classes). */
    StudentSizes sizes();

    /** C, the width of the {@code logits}. */
    default int numClasses() {
        return sizes().numClasses();
    }

    /**
     * The tensors of the layers between the embedding table and the output layer, name to shape, in the
     * specification's order.
     */
    Map<String, long[]> layerTensorShapes();

    /** The width of the sentence features that the output layer reads. */
    long featureSize();

    /**
     * Adds the nodes and initializers that compute the sentence features {@code [batch, featureSize]} from the
     * graph inputs and returns the name of their output.
     */
    String writeFeatures(StudentLayers layers);

    /**
     * Every weight tensor this student has, name to shape, in the specification's order: the embedding table (text
     * students only: the other kinds read numbers, not token ids), the layers, and {@code out}.
     */
    default Map<String, long[]> tensorShapes() {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        if (inputKind() == InputKind.TEXT) {
            StudentSizes sizes = sizes();
            shapes.put("embedding", new long[] {sizes.vocabularySize(), sizes.embeddingSize()});
        }
        shapes.putAll(layerTensorShapes());
        shapes.put("out.w", new long[] {numClasses(), featureSize()});
        shapes.put("out.b", new long[] {numClasses()});
        return shapes;
    }
}
