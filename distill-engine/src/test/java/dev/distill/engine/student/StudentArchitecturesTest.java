package dev.distill.engine.student;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.annotations.Architecture;
import dev.distill.annotations.Embeddings;
import dev.distill.engine.student.transformer.TransformerArchitecture;
import dev.distill.engine.student.transformer.TransformerGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The registry against the {@code Architecture} constants users write, and what each architecture reads. */
class StudentArchitecturesTest {

    @Test
    void everyArchitectureConstantHasExactlyOneImplementation() {
        assertEquals(TextArchitectures.all().toList(),
                StudentArchitectures.all().stream().map(StudentArchitecture::name).sorted().toList());
    }

    /** A text constant naming a class that is not its implementation fails naming both, and what is wrong. */
    @Test
    void aConstantWhoseClassIsNotItsImplementationIsNamedWithTheClass() {
        String missing = assertThrows(IllegalStateException.class, () -> StudentArchitectures.load(Architecture.CNN,
                "dev.distill.engine.student.cnn.CnnArchitektur")).getMessage();
        assertTrue(missing.startsWith("Architecture.CNN names dev.distill.engine.student.cnn.CnnArchitektur as its"
                + " implementation, but there is no such class"), missing);
        String notAnArchitecture = assertThrows(IllegalStateException.class,
                () -> StudentArchitectures.load(Architecture.CNN, StudentPlan.class.getName())).getMessage();
        assertTrue(notAnArchitecture.contains("does not implement " + StudentArchitecture.class.getName()),
                notAnArchitecture);
        String another = assertThrows(IllegalStateException.class, () -> StudentArchitectures.load(Architecture.CNN,
                TransformerArchitecture.class.getName())).getMessage();
        assertTrue(another.startsWith("Architecture.CNN names " + TransformerArchitecture.class.getName())
                && another.endsWith("its name() is TRANSFORMER"), another);
    }

    /**
     * Each architecture runs the checks every student must pass through its own test beside it, which supplies its
     * forward pass from the specification: a new architecture without one fails here.
     */
    @ParameterizedTest
    @MethodSource("dev.distill.engine.student.TextArchitectures#all")
    void everyArchitectureHasItsContractTestBesideIt(Architecture architecture) {
        String test = StudentArchitectures.of(architecture).getClass().getName() + "Test";
        Class<?> contract = assertDoesNotThrow(() -> Class.forName(test),
                architecture + " has no test " + test + " extends StudentArchitectureContract");
        assertTrue(StudentArchitectureContract.class.isAssignableFrom(contract),
                test + " does not extend " + StudentArchitectureContract.class.getSimpleName());
    }

    @Test
    void theTabularMlpIsNotAmongTheTextStudents() {
        String message = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> StudentArchitectures.of(Architecture.MLP)).getMessage();
        org.junit.jupiter.api.Assertions.assertTrue(message.contains("numeric features"), message);
    }

    @ParameterizedTest
    @MethodSource("dev.distill.engine.student.TextArchitectures#all")
    void theDesignIsOfTheArchitectureAskedForWithTheTeachersSizes(Architecture architecture) {
        StudentDesign<?> design = StudentArchitectures.design(plan(architecture, new int[] {2, 3}), 40, 5);
        assertEquals(architecture, design.architecture().name());
        assertEquals(architecture, design.graph().architecture());
        assertEquals(40, design.sizes().vocabularySize());
        assertEquals(16, design.sizes().embeddingSize());
        assertEquals(5, design.sizes().numClasses());
    }

    /** The processor's warning for an ignored setting is right only if the engine really ignores it. */
    @ParameterizedTest
    @MethodSource("dev.distill.engine.student.TextArchitectures#all")
    void anArchitectureReadsKernelSizesExactlyWhenItSaysItOwnsThem(Architecture architecture) {
        StudentDesign<?> one = StudentArchitectures.design(plan(architecture, new int[] {2}), 40, 5);
        StudentDesign<?> two = StudentArchitectures.design(plan(architecture, new int[] {3, 4}), 40, 5);
        if (architecture.ownSettings().contains("kernelSizes")) {
            assertNotEquals(one.graph(), two.graph());
        } else {
            assertEquals(one.graph(), two.graph());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.distill.engine.student.TextArchitectures#all")
    void anArchitectureReadsLayersAndHeadsExactlyWhenItSaysItOwnsThem(Architecture architecture) {
        int[] kernels = {2, 3};
        StudentDesign<?> base = StudentArchitectures.design(plan(architecture, kernels, 1, 2), 40, 5);
        StudentDesign<?> moreLayers = StudentArchitectures.design(plan(architecture, kernels, 3, 2), 40, 5);
        StudentDesign<?> moreHeads = StudentArchitectures.design(plan(architecture, kernels, 1, 4), 40, 5);
        assertEquals(architecture.ownSettings().contains("layers"), !base.graph().equals(moreLayers.graph()));
        assertEquals(architecture.ownSettings().contains("heads"), !base.graph().equals(moreHeads.graph()));
    }

    @ParameterizedTest
    @MethodSource("dev.distill.engine.student.TextArchitectures#all")
    void anArchitectureReadsBigramBucketsExactlyWhenItSaysItOwnsThem(Architecture architecture) {
        StudentPlan plan = plan(architecture, new int[] {2, 3});
        StudentDesign<?> none = StudentArchitectures.design(plan, 40, 5);
        StudentDesign<?> some = StudentArchitectures.design(plan.withBigramBuckets(64), 40, 5);
        assertEquals(architecture.ownSettings().contains("bigramBuckets"), !none.graph().equals(some.graph()));
    }

    @Test
    void aTransformerOfLayersZeroGetsTheDefaultLayers() {
        TransformerGraph graph = (TransformerGraph) StudentArchitectures.design(
                plan(Architecture.TRANSFORMER, new int[] {2}, 0, 4), 40, 5).graph();
        assertEquals(TransformerArchitecture.DEFAULT_LAYERS, graph.layers());
        assertEquals(4, graph.headSize());
        assertEquals(12, graph.feedForwardSize());
        assertEquals(32, graph.maxLength());
    }

    @Test
    void transformerSettingsThatMakeNoNetworkAreNamed() {
        IllegalArgumentException heads = assertThrows(IllegalArgumentException.class,
                () -> StudentArchitectures.design(plan(Architecture.TRANSFORMER, new int[] {2}, 2, 5), 40, 5));
        assertTrue(heads.getMessage().contains("student.heads = 5 does not divide student.embeddingSize = 16"),
                heads.getMessage());
        IllegalArgumentException layers = assertThrows(IllegalArgumentException.class,
                () -> StudentArchitectures.design(plan(Architecture.TRANSFORMER, new int[] {2}, -1, 4), 40, 5));
        assertTrue(layers.getMessage().contains("student.layers = -1 is negative"), layers.getMessage());
    }

    @Test
    void badArchitectureSettingsAreNamed() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> StudentArchitectures.design(plan(Architecture.CNN, new int[] {3, 3}), 40, 5));
        assertTrue(error.getMessage().contains("kernelSizes [3, 3] repeats a size"), error.getMessage());
    }

    private static StudentPlan plan(Architecture architecture, int[] kernelSizes) {
        return plan(architecture, kernelSizes, 2, 4);
    }

    private static StudentPlan plan(Architecture architecture, int[] kernelSizes, int layers, int heads) {
        return new StudentPlan(architecture, 16, 12, kernelSizes, layers, heads, 32, Embeddings.RANDOM);
    }
}
