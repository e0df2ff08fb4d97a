package dev.distill.engine.student.cnn;

import dev.distill.annotations.Architecture;
import dev.distill.engine.student.StudentPlan;
import dev.distill.engine.student.Student;
import dev.distill.engine.student.StudentArchitecture;
import dev.distill.onnx.student.StudentSizes;

/** {@link Architecture#CNN}: {@code hiddenSize} filters for each of the {@code kernelSizes}. */
public final class CnnArchitecture implements StudentArchitecture<CnnGraph> {

    @Override
    public Architecture name() {
        return Architecture.CNN;
    }

    @Override
    public CnnGraph graph(StudentPlan student, StudentSizes sizes) {
        return new CnnGraph(sizes, student.hiddenSize(), student.kernelSizes());
    }

    @Override
    public Student create(CnnGraph graph, float dropout) {
        return new CnnStudent(graph, dropout);
    }
}
