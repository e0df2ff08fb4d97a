package dev.distill.engine.student;

import dev.distill.annotations.Architecture;
import dev.distill.engine.student.mlp.MlpArchitecture;
import dev.distill.engine.student.bag.BagOfEmbeddingsArchitecture;
import dev.distill.engine.student.bilstm.BiLstmArchitecture;
import dev.distill.engine.student.cnn.CnnArchitecture;
import dev.distill.engine.student.transformer.TransformerArchitecture;
import dev.distill.onnx.student.StudentSizes;
import java.util.List;
import java.util.function.Consumer;

/** Every text student architecture the engine trains: one line each (the tabular MLP is the tabular build's). */
public final class StudentArchitectures {

    private static final List<StudentArchitecture<?>> ALL = List.of(
            new BiLstmArchitecture(),
            new CnnArchitecture(),
            new BagOfEmbeddingsArchitecture(),
            new TransformerArchitecture());

    private StudentArchitectures() {}

    /** Every architecture, in registration order. */
    public static List<StudentArchitecture<?>> all() {
        return ALL;
    }

    /**
     * The architecture behind an {@code @Student(architecture)} constant.
     *
     * @throws IllegalArgumentException if none is registered for it
     */
    public static StudentArchitecture<?> of(Architecture name) {
        if (!name.readsText()) {
            throw new IllegalArgumentException("student.architecture " + name + " reads numeric features, not text:"
                    + " the tabular build makes it (student.mlp.MlpArchitecture), not this registry of text students");
        }
        return ALL.stream().filter(architecture -> architecture.name() == name).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("student.architecture " + name
                        + " has no implementation in this engine; registered: "
                        + ALL.stream().map(StudentArchitecture::name).toList()));
    }

    /**
     * The student that the {@code @Student} values describe, for the teacher's vocabulary and classes.
     *
     * @throws IllegalArgumentException naming a setting or size that does not make a network
     */
    public static StudentDesign<?> design(StudentPlan student, int vocabularySize, int numClasses) {
        return StudentDesign.of(of(student.architecture()),
                student, new StudentSizes(vocabularySize, student.embeddingSize(), numClasses));
    }

    /**
     * The student that the {@code @Student} values describe for this teacher: its vocabulary and classes, and, for
     * an architecture cut from the teacher, its layers ({@link StudentArchitecture#design}).
     *
     * @param log told what the student took from the teacher
     * @throws IllegalArgumentException naming a setting, size or part of the teacher that does not make a network
     */
    public static StudentDesign<?> design(StudentPlan student, TeacherLayers teacher, int vocabularySize,
            int numClasses, Consumer<String> log) {
        return of(student.architecture()).design(student,
                new StudentSizes(vocabularySize, student.embeddingSize(), numClasses), teacher, log);
    }

    /**
     * AdamW's peak learning rate for {@code name} when {@code @Distill(learningRate)} is unset: the text architecture's
     * {@link StudentArchitecture#defaultLearningRate()}, or the MLP's.
     */
    public static double defaultLearningRate(Architecture name) {
        return name.readsText() ? of(name).defaultLearningRate() : new MlpArchitecture().defaultLearningRate();
    }
}
