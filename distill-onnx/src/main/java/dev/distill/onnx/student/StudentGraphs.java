package dev.distill.onnx.student;

import static dev.distill.contract.ClassifierGraph.LOGITS;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.distill.contract.InputKind;
import dev.distill.contract.InputTensor;
import dev.distill.onnx.DistillVersion;
import dev.distill.onnx.OnnxGraph;

import java.util.Map;

/** Exports trained student weights as an ONNX classifier with the same interface as a teacher. */
public final class StudentGraphs {

    /** Metadata key holding the producer's name, {@value #PRODUCER}. */
    public static final String PRODUCER_KEY = "producer";
    /** Metadata key holding the distill version. */
    public static final String VERSION_KEY = "version";
    /** Metadata key holding the architecture's enum name. */
    public static final String ARCHITECTURE_KEY = "architecture";
    /** The producer recorded in every student model. */
    public static final String PRODUCER = "distill";

    private StudentGraphs() {
    }

    /**
     * The float32 student: the {@link InputKind#studentTensors()} of its {@link StudentGraphWriter#inputKind()}
     * as inputs (for text {@code input_ids}, {@code attention_mask}, int64 [batch, sequence], both dynamic),
     * output {@code logits} float [batch, classes], computed exactly as the student specification says.
     *
     * @param student  the architecture and its sizes, which writes its layers
     * @param metadata settings to record as model metadata (e.g. the training settings); they are added
     *                 after {@code producer}, {@code version} and {@code architecture} and may not replace them
     * @throws IllegalArgumentException if the weights do not match the student, naming each wrong tensor
     */
    public static ModelProto fp32(StudentGraphWriter student, StudentWeights weights, Map<String, String> metadata) {
        weights.validate(student);
        OnnxGraph graph = OnnxGraph.create("distill_" + student.architecture().name().toLowerCase());
        for (InputTensor input : student.inputKind().studentTensors()) {
            // ElementType's names are TensorProto.DataType's.
            graph.input(input.name(), DataType.valueOf(input.type().name()), input.dimensions().toArray());
        }
        graph.metadata(PRODUCER_KEY, PRODUCER)
                .metadata(VERSION_KEY, DistillVersion.get())
                .metadata(ARCHITECTURE_KEY, student.architecture().name());
        metadata.forEach((key, value) -> {
            if (key.equals(PRODUCER_KEY) || key.equals(VERSION_KEY) || key.equals(ARCHITECTURE_KEY)) {
                throw new IllegalArgumentException("metadata key '" + key + "' is reserved for distill itself");
            }
            graph.metadata(key, value);
        });
        StudentLayers layers = new StudentLayers(graph, weights);
        String last = layers.linear(student.writeFeatures(layers), "out");
        String logits = graph.node("Identity").inputs(last).exactOutput(LOGITS);
        graph.output(logits, DataType.FLOAT, InputKind.BATCH, (long) student.numClasses());
        return graph.build();
    }
}
