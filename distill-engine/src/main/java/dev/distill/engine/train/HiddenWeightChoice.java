package dev.distill.engine.train;

import dev.distill.engine.signal.Signal;
import dev.distill.engine.teacher.Teacher;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an automatic {@code hiddenWeight} (unset, the default) becomes for a teacher: {@link #AUTOMATIC_WEIGHT} when the
 * teacher gives its sentence vector, otherwise 0 with the reason. A weight the descriptor sets is kept as it is; a
 * teacher that cannot give what it asks for fails later, when it labels.
 *
 * @param training    the configuration with a concrete weight
 * @param explanation the weight and why, for the log and the report's provenance
 */
public record HiddenWeightChoice(TrainingConfig training, String explanation) {

    /**
     * The weight an automatic {@code hiddenWeight} takes. Chosen by the bench's ablation (bench/README.md): on SST-2 and
     * AG News the term at weight 1 kept or raised the int8 BiLSTM's accuracy over the teacher's embeddings alone.
     */
    public static final float AUTOMATIC_WEIGHT = 1f;

    /** A text the teacher is asked about once, to learn whether it can give its sentence vector. */
    private static final String PROBE_TEXT = "distill";

    /**
     * Resolves {@code training}'s hidden-state weight against {@code teacher}. An automatic weight asks the teacher for
     * its sentence vector of one text: a teacher whose graph has no head input to expose answers with the reason.
     */
    public static HiddenWeightChoice of(TrainingConfig training, Teacher teacher) {
        if (!training.hiddenWeightAutomatic()) {
            return new HiddenWeightChoice(training, String.format(Locale.ROOT, "%s (hiddenWeight = %s)",
                    training.hiddenWeight() == 0f ? "off" : "weight " + training.hiddenWeight(),
                    training.hiddenWeight()));
        }
        String unavailable = unavailable(teacher);
        if (unavailable == null) {
            return new HiddenWeightChoice(training.toBuilder().hiddenWeight(AUTOMATIC_WEIGHT).build(),
                    "weight " + AUTOMATIC_WEIGHT + ": the teacher gives its sentence vector (hiddenWeight unset: automatic)");
        }
        return new HiddenWeightChoice(training.toBuilder().hiddenWeight(0f).build(),
                "off: " + unavailable + " (hiddenWeight unset: automatic)");
    }

    private static String unavailable(Teacher teacher) {
        if (!teacher.signals().contains(Signal.POOLED)) {
            return "the teacher gives " + teacher.signals() + ", not its sentence vector";
        }
        try {
            teacher.outputs(List.of(PROBE_TEXT), Set.of(Signal.POOLED));
            return null;
        } catch (IllegalArgumentException e) {
            return "the teacher cannot give its sentence vector: " + e.getMessage();
        }
    }
}
