package dev.distill.engine.train;

import dev.distill.engine.student.StudentDesign;
import dev.distill.engine.student.TeacherLayers;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the layer and attention terms' weights ({@code layerWeight}, {@code attentionWeight}) become for a student:
 * an automatic weight (unset, the default) is {@link #AUTOMATIC_WEIGHT} when the student's layers were copied from
 * teacher layers that can be read, so that there is a teacher layer to compare each with, and 0 otherwise, with the
 * reason. A weight the descriptor sets above 0 for a student that has no such layers is an error naming the setting
 * and the fix; a weight it sets is otherwise kept as it is.
 *
 * @param training the configuration with concrete weights
 * @param layerExplanation the layer term's weight and why, for the log and the report's provenance
 * @param attentionExplanation the attention term's weight and why
 */
public record LayerWeightChoice(TrainingConfig training, String layerExplanation, String attentionExplanation) {

    /**
     * The weight an automatic {@code layerWeight} or {@code attentionWeight} takes: TinyBERT weighs its layer and
     * attention terms 1 against the prediction term, and MiniLM its attention term 1. Both terms start at 0 for a
     * student cut from the teacher, so at weight 1 they hold the copied layers near the teacher's while the soft
     * targets move the student; the benchmark has not measured other weights yet.
     */
    public static final float AUTOMATIC_WEIGHT = 1f;

    /**
     * Resolves the two weights of {@code training} for {@code design}, whose layers may have been cut from
     * {@code teacher}'s.
     *
     * @throws IllegalArgumentException naming the setting and the fix when a weight set above 0 has no teacher layers
     *     to compare with: the student is not cut from the teacher, or the teacher's layers cannot be read
     */
    public static LayerWeightChoice of(TrainingConfig training, StudentDesign<?> design, TeacherLayers teacher) {
        String unavailable = unavailable(design, teacher);
        float layer = resolve("layerWeight", training.layerWeight(), unavailable);
        float attention = resolve("attentionWeight", training.attentionWeight(), unavailable);
        int[] teacherLayers = design.teacherLayers();
        String layers = Arrays.stream(teacherLayers).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        String last = teacherLayers.length == 0 ? "" : Integer.toString(teacherLayers[teacherLayers.length - 1]);
        return new LayerWeightChoice(training.toBuilder().layerWeight(layer).attentionWeight(attention).build(),
                explain("layerWeight", training.layerWeight(), layer, unavailable,
                        "each student layer is compared with the teacher layer it was copied from (" + layers + ")"),
                explain("attentionWeight", training.attentionWeight(), attention, unavailable,
                        "the last student layer's attention is compared with teacher layer " + last));
    }

    private static float resolve(String setting, float weight, String unavailable) {
        if (Float.isNaN(weight)) {
            return unavailable == null ? AUTOMATIC_WEIGHT : 0f;
        }
        if (weight > 0f && unavailable != null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s = %s compares the student's layers with"
                    + " the teacher layers they were copied from, but %s; use student.architecture = TRANSFORMER"
                    + " (cut from a BERT-family teacher) or set %s = 0", setting, weight, unavailable, setting));
        }
        return weight;
    }

    private static String explain(String setting, float asked, float weight, String unavailable, String what) {
        if (!Float.isNaN(asked)) {
            return String.format(Locale.ROOT, "%s (%s = %s)", weight == 0f ? "off" : "weight " + weight + ": " + what,
                    setting, asked);
        }
        return unavailable == null ? "weight " + weight + ": " + what + " (" + setting + " unset: automatic)"
                : "off: " + unavailable + " (" + setting + " unset: automatic)";
    }

    /** Why the student has no teacher layers to compare with, or null when it has. */
    private static String unavailable(StudentDesign<?> design, TeacherLayers teacher) {
        String architecture = design.architecture().name().name();
        if (!design.cutFromTeacher()) {
            return "student.architecture = " + architecture + " copies no teacher layers";
        }
        try {
            teacher.weights(architecture);
            return null;
        } catch (IllegalArgumentException e) {
            return "the teacher's layers cannot be read: " + e.getMessage();
        }
    }
}
