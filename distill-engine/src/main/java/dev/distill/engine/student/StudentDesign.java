package dev.distill.engine.student;

import dev.distill.onnx.student.StudentGraphWriter;
import dev.distill.onnx.student.StudentSizes;

/**
 * A student to train: its architecture with that architecture's settings and sizes. The trainer creates the
 * network from it; the exporter writes its graph.
 *
 * @param architecture the kind of network
 * @param graph        its settings and sizes, as the architecture's graph writer
 * @param embeddings   the first embedding table, or null for random rows
 * @param <G>          the architecture's graph writer
 */
public record StudentDesign<G extends StudentGraphWriter>(StudentArchitecture<G> architecture, G graph,
        InitialEmbeddings embeddings) {

    /** Checks that the initial embeddings fit. */
    public StudentDesign {
        if (embeddings != null) {
            embeddings.check(graph.sizes());
        }
    }

    /** A design whose embedding table starts random. */
    public StudentDesign(StudentArchitecture<G> architecture, G graph) {
        this(architecture, graph, null);
    }

    /** This design, its embedding table starting from {@code initial} instead. */
    public StudentDesign<G> withEmbeddings(InitialEmbeddings initial) {
        return new StudentDesign<>(architecture, graph, initial);
    }

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
