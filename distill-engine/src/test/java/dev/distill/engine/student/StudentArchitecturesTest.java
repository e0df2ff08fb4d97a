package dev.distill.engine.student;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.annotations.Architecture;
import dev.distill.annotations.Embeddings;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The registry against the {@code Architecture} constants users write, and what each architecture reads. */
class StudentArchitecturesTest {

    @Test
    void everyArchitectureConstantHasExactlyOneImplementation() {
        assertEquals(Arrays.asList(Architecture.values()),
                StudentArchitectures.all().stream().map(StudentArchitecture::name).sorted().toList());
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
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
    @EnumSource(Architecture.class)
    void anArchitectureReadsKernelSizesExactlyWhenItSaysItOwnsThem(Architecture architecture) {
        StudentDesign<?> one = StudentArchitectures.design(plan(architecture, new int[] {2}), 40, 5);
        StudentDesign<?> two = StudentArchitectures.design(plan(architecture, new int[] {3, 4}), 40, 5);
        if (architecture.ownSettings().contains("kernelSizes")) {
            assertNotEquals(one.graph(), two.graph());
        } else {
            assertEquals(one.graph(), two.graph());
        }
    }

    @Test
    void badArchitectureSettingsAreNamed() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> StudentArchitectures.design(plan(Architecture.CNN, new int[] {3, 3}), 40, 5));
        assertTrue(error.getMessage().contains("kernelSizes [3, 3] repeats a size"), error.getMessage());
    }

    private static StudentPlan plan(Architecture architecture, int[] kernelSizes) {
        return new StudentPlan(architecture, 16, 12, kernelSizes, 2, 4, 32, Embeddings.RANDOM);
    }
}
