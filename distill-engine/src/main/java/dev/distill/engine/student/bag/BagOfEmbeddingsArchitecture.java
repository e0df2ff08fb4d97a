package dev.distill.engine.student.bag;

import dev.distill.annotations.Architecture;
import dev.distill.engine.student.StudentPlan;
import dev.distill.engine.student.Student;
import dev.distill.engine.student.StudentArchitecture;
import dev.distill.onnx.student.StudentSizes;

/**
 * {@link Architecture#BAG_OF_EMBEDDINGS}: a hidden layer of {@code hiddenSize} units over the mean of the token
 * embeddings and of {@code bigramBuckets} hashed word-pair rows.
 */
public final class BagOfEmbeddingsArchitecture implements StudentArchitecture<BagOfEmbeddingsGraph> {

    @Override
    public Architecture name() {
        return Architecture.BAG_OF_EMBEDDINGS;
    }

    @Override
    public BagOfEmbeddingsGraph graph(StudentPlan student, StudentSizes sizes) {
        return new BagOfEmbeddingsGraph(sizes, student.hiddenSize(), student.bigramBuckets());
    }

    @Override
    public Student create(BagOfEmbeddingsGraph graph, float dropout) {
        return new BagOfEmbeddingsStudent(graph, dropout);
    }
}
