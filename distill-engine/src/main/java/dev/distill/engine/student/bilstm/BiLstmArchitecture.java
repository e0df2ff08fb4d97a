package dev.distill.engine.student.bilstm;

import dev.distill.annotations.Architecture;
import dev.distill.engine.student.StudentPlan;
import dev.distill.engine.student.Student;
import dev.distill.engine.student.StudentArchitecture;
import dev.distill.onnx.student.StudentSizes;

/** {@link Architecture#BILSTM}: {@code hiddenSize} LSTM units per direction. */
public final class BiLstmArchitecture implements StudentArchitecture<BiLstmGraph> {

    @Override
    public Architecture name() {
        return Architecture.BILSTM;
    }

    @Override
    public BiLstmGraph graph(StudentPlan student, StudentSizes sizes) {
        return new BiLstmGraph(sizes, student.hiddenSize());
    }

    @Override
    public Student create(BiLstmGraph graph, float dropout) {
        return new BiLstmStudent(graph, dropout);
    }
}
