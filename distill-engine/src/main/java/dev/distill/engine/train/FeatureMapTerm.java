package dev.distill.engine.train;

import ai.djl.ndarray.NDArray;
import dev.distill.engine.signal.Signal;
import java.util.Set;

/**
 * The feature-map term (FitNets' hint, the brief's feature distillation): the mean squared error between an image
 * student's last-stage feature map, mapped to the teacher's channels by the student's 1x1-convolution adapter, and the
 * feature map the teacher pools before its head ({@link Signal#FEATURE_MAP}, {@code [B, channels, height, width]}).
 * {@code hiddenWeight} weighs it for an image student, as it weighs {@link SentenceVectorTerm} for a text student.
 *
 * <p>Both maps are standardized as {@link SentenceVectorTerm} standardizes sentence vectors (centred over the batch,
 * unit root mean square): a ResNet's post-ReLU activations and a small student's start at very different scales, and
 * the term then compares where and how the images of a batch differ, in [0, 4].
 */
public final class FeatureMapTerm extends NamedTerm {

    /** The term's name in the training history and the report. */
    public static final String NAME = "features";

    /** @param weight the term's weight ({@code hiddenWeight}) */
    public FeatureMapTerm(float weight) {
        super(NAME, weight, Set.of(Signal.FEATURE_MAP));
    }

    @Override
    public NDArray compute(LossBatch batch) {
        NDArray teacher = batch.teacher(Signal.FEATURE_MAP);
        if (teacher == null) {
            throw new IllegalArgumentException("the feature-map term needs the teacher's '" + Signal.FEATURE_MAP
                    + "' signal, which this batch does not carry");
        }
        NDArray student = batch.student().signal(Signal.FEATURE_MAP);
        if (!student.getShape().equals(teacher.getShape())) {
            throw new IllegalArgumentException("the student's adapted feature maps have shape " + student.getShape()
                    + " but the teacher's have " + teacher.getShape());
        }
        return SentenceVectorTerm.standardizedDistance(student, teacher);
    }
}
