package dev.distill.annotations;

/** How the student's outputs are compared with the teacher's soft targets. */
public enum SoftLoss {
    /**
     * Kullback-Leibler divergence between the teacher's and the student's softmax at temperature T, scaled by T²
     * (Hinton et al., 2015).
     */
    KL,
    /**
     * Mean squared error between the teacher's and the student's logits (Tang et al., 2019); the temperature is not
     * used.
     */
    MSE
}
