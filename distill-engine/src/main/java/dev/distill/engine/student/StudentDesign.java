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
 * @param weights      first values of other tensors (loaded after the embeddings), or null for none
 * @param teacherLayers the teacher layer each student layer was copied from, counted from 1 (student layer {@code i}
 *                     from {@code teacherLayers[i]}); empty for a student not cut from the teacher's layers. The
 *                     layer and attention terms compare each student layer with its teacher layer.
 * @param trainedRows  the embedding rows trained, or null for every row (see {@link TrainedRows})
 * @param <G>          the architecture's graph writer
 */
public record StudentDesign<G extends StudentGraphWriter>(StudentArchitecture<G> architecture, G graph,
        InitialEmbeddings embeddings, InitialWeights weights, int[] teacherLayers, TrainedRows trainedRows) {

    /** Checks that the initial embeddings and weights fit; copies the teacher layers. */
    public StudentDesign {
        if (embeddings != null) {
            embeddings.check(graph.sizes());
        }
        if (weights != null) {
            weights.check(graph);
        }
        teacherLayers = teacherLayers.clone();
    }

    /** A design that trains every embedding row. */
    public StudentDesign(StudentArchitecture<G> architecture, G graph, InitialEmbeddings embeddings,
            InitialWeights weights, int[] teacherLayers) {
        this(architecture, graph, embeddings, weights, teacherLayers, null);
    }

    /** A design not cut from the teacher's layers. */
    public StudentDesign(StudentArchitecture<G> architecture, G graph, InitialEmbeddings embeddings,
            InitialWeights weights) {
        this(architecture, graph, embeddings, weights, new int[0]);
    }

    /** A design whose tensors all start from their initialization. */
    public StudentDesign(StudentArchitecture<G> architecture, G graph) {
        this(architecture, graph, null, null);
    }

    /** A copy of the teacher layers the student's layers were copied from, counted from 1; empty when none. */
    @Override
    public int[] teacherLayers() {
        return teacherLayers.clone();
    }

    /** Whether the student's layers were copied from the teacher's ({@link #teacherLayers()} is not empty). */
    public boolean cutFromTeacher() {
        return teacherLayers.length > 0;
    }

    /** This design, its embedding table starting from {@code initial} instead. */
    public StudentDesign<G> withEmbeddings(InitialEmbeddings initial) {
        return new StudentDesign<>(architecture, graph, initial, weights, teacherLayers, trainedRows);
    }

    /** This design, the tensors of {@code initial} starting from its values instead. */
    public StudentDesign<G> withWeights(InitialWeights initial) {
        return new StudentDesign<>(architecture, graph, embeddings, initial, teacherLayers, trainedRows);
    }

    /** This design, training only {@code rows} of its embedding table. */
    public StudentDesign<G> withTrainedRows(TrainedRows rows) {
        return new StudentDesign<>(architecture, graph, embeddings, weights, teacherLayers, rows);
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
        Student student = architecture.create(graph, dropout);
        if (trainedRows != null) {
            student.trainOnly(trainedRows);
        }
        return student;
    }
}
