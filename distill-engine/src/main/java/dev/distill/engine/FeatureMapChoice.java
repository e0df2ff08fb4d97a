package dev.distill.engine;

import dev.distill.engine.student.imagecnn.ImageCnnStudent;
import dev.distill.engine.teacher.OnnxImageTeacher;
import dev.distill.engine.train.TrainingConfig;
import java.util.Arrays;
import java.util.Locale;

/**
 * What {@code hiddenWeight} becomes for an image student, whose hidden term is the feature-map term
 * ({@code train.FeatureMapTerm}): a weight set above 0 adds the student's adapter onto the teacher's feature map and
 * fails, naming the teacher or both sizes, when that cannot be; an automatic weight (unset) is
 * {@link #AUTOMATIC_WEIGHT} (off); were it above 0, it would apply when the teacher's head pools a feature map the
 * student's last stage fits, and be off with the reason otherwise.
 *
 * @param training    the configuration with a concrete weight
 * @param explanation the weight and why, for the log and the report's provenance
 */
record FeatureMapChoice(TrainingConfig training, String explanation) {

    /**
     * The weight an automatic {@code hiddenWeight} takes for an image student: off. The bench's image ablation (README,
     * "The feature-map term") measured the term at weight 1 on Fashion-MNIST: +0.12 and -0.30 points of int8 accuracy
     * (12/24/48 on 60,000 images, 8/16/32 on 20,000), no gain beyond a few test images, at a few percent more
     * training time.
     */
    static final float AUTOMATIC_WEIGHT = 0f;

    /** Resolves the weight, and adds the student's adapter when the term is on. */
    static FeatureMapChoice of(TrainingConfig training, OnnxImageTeacher teacher, ImageCnnStudent student) {
        boolean automatic = training.hiddenWeightAutomatic();
        float weight = automatic ? AUTOMATIC_WEIGHT : training.hiddenWeight();
        String setting = automatic ? "hiddenWeight unset: automatic" : "hiddenWeight = " + training.hiddenWeight();
        if (weight == 0f) {
            return new FeatureMapChoice(training.toBuilder().hiddenWeight(0f).build(), "off (" + setting + ")");
        }
        long[] map;
        try {
            map = teacher.featureMapShape();
            student.adaptFeaturesTo(map);
        } catch (IllegalArgumentException e) {
            if (!automatic) {
                throw new IllegalArgumentException("hiddenWeight = " + training.hiddenWeight() + " asks for the"
                        + " feature-map term, but " + e.getMessage(), e);
            }
            return new FeatureMapChoice(training.toBuilder().hiddenWeight(0f).build(),
                    "off: " + e.getMessage() + " (" + setting + ")");
        }
        return new FeatureMapChoice(training.toBuilder().hiddenWeight(weight).build(), String.format(Locale.ROOT,
                "weight %s: the student's last stage, through a 1x1-convolution adapter, learns the teacher's"
                        + " feature map %s (%s)", weight, Arrays.toString(map), setting));
    }
}
