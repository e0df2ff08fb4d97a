package dev.distill.engine.student;

import dev.distill.onnx.student.StudentGraphWriter;
import dev.distill.onnx.student.StudentSizes;

/**
 * A student to train: its architecture with that architecture's settings and sizes. The trainer creates the
 * network from it; the exporter writes its graph.
 *
 * @param architecture the kind of network
 * @param graph        its settings and sizes, as the architecture's graph writer
 * @param <G>          the architecture's graph writer
 */
public record StudentDesign<G extends StudentGraphWriter>(StudentArchitecture<G> architecture, G graph) {

    /**
     * The design that {@code architecture} reads from the {@code @Student} values.
     *
     * @throws IllegalArgumentException naming a setting that does not fit the architecture
     */
    public static <G extends StudentGraphWriter> StudentDesign<G> of(StudentArchitecture<G> architecture,
            StudentPlan student, StudentSizes sizes) {
        return new StudentDesign<>(architecture, architecture.graph(student, sizes));
    }

    /** The sizes every student has. */
    public StudentSizes sizes() {
        return graph.sizes();
    }

    /**
     * Creates the uninitialized network.
     *
     * @param dropout dropout rate on the sentence vector during training, in [0, 1)
     */
    public Student create(float dropout) {
        return architecture.create(graph, dropout);
    }
}
