package dev.distill.engine.student;

import dev.distill.annotations.Architecture;
import dev.distill.engine.student.mlp.MlpArchitecture;
import dev.distill.onnx.student.StudentSizes;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Every text student architecture the engine trains (the tabular MLP is the tabular build's). There is no list
 * here: each text {@link Architecture} constant names its implementation ({@link Architecture#implementation()}),
 * which is loaded on first use, checked and kept; so a new student is its package plus that one line.
 */
public final class StudentArchitectures {

    private static final Map<Architecture, StudentArchitecture<?>> LOADED = new ConcurrentHashMap<>();

    private StudentArchitectures() {}

    /** Every text architecture, in the order of the {@link Architecture} constants. */
    public static List<StudentArchitecture<?>> all() {
        return Arrays.stream(Architecture.values()).filter(Architecture::readsText)
                .<StudentArchitecture<?>>map(StudentArchitectures::of).toList();
    }

    /**
     * The architecture behind an {@code @Student(architecture)} constant.
     *
     * @throws IllegalArgumentException if the constant is the tabular MLP or the IMAGE_CNN, which are not text students
     * @throws IllegalStateException    naming the constant and its class if that class is not its implementation
     */
    public static StudentArchitecture<?> of(Architecture name) {
        if (!name.readsText()) {
            throw new IllegalArgumentException("student.architecture " + name + " reads " + (name.reads()
                    == Architecture.Reads.IMAGES ? "images" : "numeric features") + ", not text: the "
                    + (name.reads() == Architecture.Reads.IMAGES ? "image build makes it (student.imagecnn)"
                            : "tabular build makes it (student.mlp.MlpArchitecture)")
                    + ", not this registry of text students");
        }
        return LOADED.computeIfAbsent(name, constant -> load(constant, constant.implementation().orElseThrow()));
    }

    /**
     * Makes the implementation {@code className} of {@code name} by its no-argument constructor.
     *
     * @throws IllegalStateException naming the constant and the class if the class is missing, is no
     *                               {@link StudentArchitecture}, cannot be made, or implements another constant
     */
    static StudentArchitecture<?> load(Architecture name, String className) {
        String registration = "Architecture." + name + " names " + className + " as its implementation, but ";
        Class<?> type;
        try {
            type = Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(registration + "there is no such class: fix the name in Architecture", e);
        }
        if (!StudentArchitecture.class.isAssignableFrom(type)) {
            throw new IllegalStateException(registration + "it does not implement "
                    + StudentArchitecture.class.getName());
        }
        StudentArchitecture<?> architecture;
        try {
            architecture = (StudentArchitecture<?>) type.getConstructor().newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException(registration + "it has no public no-argument constructor to make it with",
                    e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(registration + "its constructor failed: " + e.getCause(), e.getCause());
        }
        if (architecture.name() != name) {
            throw new IllegalStateException(registration + "its name() is " + architecture.name());
        }
        return architecture;
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
     * {@link StudentArchitecture#defaultLearningRate()}, or the MLP's, or the image CNN's.
     */
    public static double defaultLearningRate(Architecture name) {
        return switch (name.reads()) {
            case TEXT -> of(name).defaultLearningRate();
            case FEATURES -> new MlpArchitecture().defaultLearningRate();
            case IMAGES -> new dev.distill.engine.student.imagecnn.ImageCnnArchitecture().defaultLearningRate();
        };
    }

    /**
     * {@code @Student(hiddenSize)} for {@code name} when it is left 0: {@link StudentArchitecture#DEFAULT_HIDDEN_SIZE}
     * for the text students, {@link MlpArchitecture#DEFAULT_WIDTH} for the MLP,
     * {@link dev.distill.engine.student.imagecnn.ImageCnnArchitecture#DEFAULT_WIDTH} for the image CNN.
     */
    public static int defaultHiddenSize(Architecture name) {
        return switch (name.reads()) {
            case TEXT -> StudentArchitecture.DEFAULT_HIDDEN_SIZE;
            case FEATURES -> MlpArchitecture.DEFAULT_WIDTH;
            case IMAGES -> dev.distill.engine.student.imagecnn.ImageCnnArchitecture.DEFAULT_WIDTH;
        };
    }

    /**
     * {@code @Student(dropout)} for {@code name} when it is unset (NaN): {@link StudentArchitecture#DEFAULT_DROPOUT}
     * for the text students, {@link MlpArchitecture#DEFAULT_DROPOUT} for the MLP; 0 for the image CNN, which has no
     * dropout (BatchNorm and augmentation regularize it).
     */
    public static double defaultDropout(Architecture name) {
        return switch (name.reads()) {
            case TEXT -> StudentArchitecture.DEFAULT_DROPOUT;
            case FEATURES -> MlpArchitecture.DEFAULT_DROPOUT;
            case IMAGES -> 0.0;
        };
    }
}
