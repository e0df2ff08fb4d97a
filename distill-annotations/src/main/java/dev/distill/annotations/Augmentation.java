package dev.distill.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Data augmentation for distillation (Tang et al., 2019, "Distilling Task-Specific Knowledge from BERT into Simple
 * Neural Networks", section 3.3): each training text is copied {@link #copies()} times with random changes, the
 * teacher labels the copies with soft targets, and the student trains on them too. Used only as the value of
 * {@link Distill#augmentation()}. Off by default ({@code copies = 0}).
 *
 * <p>An {@link Architecture#MLP} student's rows are copied by MUNGE instead (Bucilă, Caruana and Niculescu-Mizil,
 * 2006, "Model Compression"): each feature of a copy takes, with probability {@link #replaceProbability()}, a value
 * from the row's nearest neighbour among the training rows (as it is for a 0/1 column, drawn near it for the
 * others). Only {@link #copies()} and {@link #replaceProbability()} apply to it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Augmentation {

    /**
     * The probability that a word of a copy is replaced by the tokenizer's mask token ({@code [MASK]}, or
     * {@code [UNK]} when there is none). In [0, 1].
     *
     * @return the masking probability; 0.1 by default (Tang et al.)
     */
    double maskProbability() default 0.1;

    /**
     * The probability that a word of a copy is replaced by a word used alike: one of its nearest neighbours in the
     * teacher's word-embedding table (Tang et al. replace a word by one of the same part of speech; the teacher's
     * embeddings know which words are used alike without a tagger). A word is masked or replaced, not both, so
     * {@code maskProbability + replaceProbability} is at most 1. In [0, 1]. With a teacher whose embedding table
     * cannot be read, words are not replaced (the build log says so).
     *
     * @return the replacement probability; 0.1 by default (Tang et al.'s p_pos)
     */
    double replaceProbability() default 0.1;

    /**
     * The probability that a copy is cut down to a random n-gram of itself, n drawn from
     * [1, {@link #ngramMaxLength()}]. In [0, 1].
     *
     * @return the n-gram sampling probability; 0.25 by default (Tang et al.)
     */
    double ngramProbability() default 0.25;

    /**
     * The longest n-gram, in words, that n-gram sampling keeps. In [1, 64].
     *
     * @return the maximum n-gram length; 5 by default (Tang et al. draw n from [1, 5])
     */
    int ngramMaxLength() default 5;

    /**
     * How many augmented copies are made of each training text. In [0, 100]; 0 turns augmentation off. Tang et al.
     * used 20; each copy adds a teacher pass over the training data.
     *
     * @return the number of copies; 0 by default
     */
    int copies() default 0;
}
