package dev.distill.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.engine.student.StudentArchitecture;
import dev.distill.annotations.Distill;
import dev.distill.annotations.Student;
import org.junit.jupiter.api.Test;

/** A training configuration built without a descriptor trains as the annotation's defaults would. */
class TrainingDefaultsTest {

    @Test
    void theBuildersDefaultsAreTheAnnotations() throws Exception {
        TrainingConfig config = TrainingConfig.builder().build();
        assertEquals(declared(Distill.class, "epochs"), config.epochs());
        assertEquals(declared(Distill.class, "batchSize"), config.batchSize());
        assertEquals(declared(Distill.class, "patience"), config.patience());
        assertEquals(declared(Distill.class, "seed"), config.seed());
        assertEquals(declared(Distill.class, "softLoss"), config.softLoss());
        // Unset in the annotation (NaN): the student architecture's, which for all but TRANSFORMER is this one.
        assertTrue(Double.isNaN(real(Distill.class, "learningRate")));
        assertEquals((float) StudentArchitecture.DEFAULT_LEARNING_RATE, config.learningRate());
        assertEquals(real(Distill.class, "weightDecay"), config.weightDecay());
        assertEquals(real(Distill.class, "warmupFraction"), config.warmupFraction());
        assertEquals(real(Distill.class, "gradientClip"), config.gradientClip());
        assertEquals(real(Distill.class, "temperature"), config.temperature());
        assertEquals(real(Distill.class, "alpha"), config.alpha());
        // Unset in the annotation (NaN): the student architecture's, the text students' here.
        assertTrue(Double.isNaN(real(Student.class, "dropout")));
        assertEquals((float) StudentArchitecture.DEFAULT_DROPOUT, config.dropout());
        // finalTemperature is NaN in the annotation: the temperature stays constant.
        assertEquals(config.temperature(), config.finalTemperature());
        assertEquals(TrainingDevice.CPU, config.device());
    }

    private static Object declared(Class<?> annotation, String member) throws NoSuchMethodException {
        return annotation.getMethod(member).getDefaultValue();
    }

    private static float real(Class<?> annotation, String member) throws NoSuchMethodException {
        return (float) (double) (Double) declared(annotation, member);
    }
}
