package dev.distill.engine.train;

import dev.distill.engine.signal.Signal;

/**
 * The feature-map term (FitNets' hint, the brief's feature distillation): the mean squared error between an image
 * student's last-stage feature map, mapped to the teacher's channels by the student's 1x1-convolution adapter, and the
 * feature map the teacher pools before its head ({@link Signal#FEATURE_MAP}, {@code [B, channels, height, width]}).
 * {@code hiddenWeight} weighs it for an image student, as it weighs {@link SentenceVectorTerm} for a text student.
 *
 * <p>Both maps are standardized as sentence vectors are ({@link StandardizedDistanceTerm}): a ResNet's post-ReLU
 * activations and a small student's start at very different scales, and the term then compares where and how the
 * images of a batch differ.
 */
public final class FeatureMapTerm extends StandardizedDistanceTerm {

    /** The term's name in the training history and the report. */
    public static final String NAME = "features";

    /** @param weight the term's weight ({@code hiddenWeight}) */
    public FeatureMapTerm(float weight) {
        super(NAME, weight, Signal.FEATURE_MAP, "the feature-map term", "adapted feature maps");
    }
}
