package dev.distill.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a distillation: a teacher, the data, a student and how to train it. Put it on an interface or class (the
 * <em>descriptor</em>) in the application's sources; the annotation processor in this jar checks every setting at
 * compile time and writes {@code META-INF/distill/descriptors/<name>.json} into the class output; the
 * {@code distill:compress} goal of the Maven plugin trains the student and packages it under
 * {@code META-INF/distill/<name>/}; the runtime finds the model by this annotation's {@link #name()}.
 *
 * <pre>{@code
 * @Distill(name = "sentiment",
 *          teacher = @Teacher(model = "teachers/sst2-minilm"),
 *          data = @Dataset(train = "data/train.tsv", dev = "data/dev.tsv", textColumn = "sentence"))
 * public interface Sentiment {}
 * }</pre>
 *
 * <p>The defaults follow the literature: Hinton et al. (2015) for the temperature-scaled KL loss and its weight,
 * Tang et al. (2019) for the BiLSTM student, the MSE loss alternative and the augmentation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Distill {

    /**
     * The name of this distillation, used as a folder and file name: {@code [a-z0-9][a-z0-9._-]*}, at most 64
     * characters, unique among the descriptors of a project.
     *
     * @return the name
     */
    String name();

    /**
     * The teacher model, or several: an ensemble. One is written {@code teacher = @Teacher(...)}, several
     * {@code teacher = {@Teacher(...), @Teacher(...)}}; see {@link Teacher}. With several, the student learns from
     * the mix of their probabilities at the {@link #temperature()} (weighed by {@link #teacherWeights()}), not of
     * their raw logits, whose scales differ from model to model. All must have the same labels by name, in any order
     * of their logits; the student's tokenizer is the first teacher's, and each teacher reads the texts with its own
     * tokenizer and {@link Teacher#maxLength()}. At least one.
     *
     * @return the teachers
     */
    Teacher[] teacher();

    /**
     * How the teachers of an ensemble are weighed; see {@link TeacherWeights}. Not used with one teacher (a warning
     * when it is {@link TeacherWeights#FITTED}).
     *
     * @return the weighting; {@link TeacherWeights#FIXED} by default
     */
    TeacherWeights teacherWeights() default TeacherWeights.FIXED;

    /**
     * The training, development and transfer data; see {@link Dataset}.
     *
     * @return the data
     */
    Dataset data();

    /**
     * The student network; see {@link Student}.
     *
     * @return the student; a BiLSTM by default
     */
    Student student() default @Student;

    /**
     * The softmax temperature T of the soft targets (Hinton et al., 2015); higher values soften the teacher's
     * distribution and pass on more about the wrong classes. In (0, 100]; above 20 draws a warning. Not used by
     * {@link SoftLoss#MSE}.
     *
     * @return the (starting) temperature; 4.0 by default
     */
    double temperature() default 4.0;

    /**
     * The temperature at the last epoch. {@code NaN} (the default) keeps {@link #temperature()} constant; any other
     * value, in (0, 100], changes it linearly per epoch from {@link #temperature()} at the first epoch to this value
     * at the last.
     *
     * @return the final temperature, or {@code NaN} for a constant temperature
     */
    double finalTemperature() default Double.NaN;

    /**
     * The weight of the soft-target loss: loss = alpha · T² · KL(teacher_T ‖ student_T) + (1 − alpha) ·
     * CE(gold, student). In [0, 1]; 0 means no distillation at all (a warning), 1 ignores the gold labels.
     *
     * @return the soft-target weight; 0.7 by default
     */
    double alpha() default 0.7;

    /**
     * How the student is compared with the teacher; see {@link SoftLoss}.
     *
     * @return the soft loss; {@link SoftLoss#KL} by default
     */
    SoftLoss softLoss() default SoftLoss.KL;

    /**
     * The weight of the hidden-state term: {@code hiddenWeight · MSE(adapter(s), t)}, where {@code t} is the
     * teacher's sentence vector (the input of its classification head; for a linear-probe teacher, the mean-pooled
     * last hidden state), scaled to unit root mean square so that the weight means the same for every teacher, and
     * {@code s} the student's sentence vector mapped to the teacher's width by a learned linear adapter that is
     * dropped at export. In [0, 100]; 0 turns the term off (the teacher then gives logits only, which are cached).
     * {@code NaN} (the default) is automatic: weight 1 when the teacher can give its sentence vector (a classifier
     * whose head is linear, every linear-probe teacher), otherwise off; the build log and the report say which and
     * why. The weight 1 was chosen by the benchmark's ablation (bench/README.md), which measured it on SST-2 and AG
     * News.
     *
     * <p>For an {@link Architecture#IMAGE_CNN} student it weighs the feature-map term instead: the same standardized
     * MSE between the feature map the teacher's head pools (the input of its global average pooling) and the student's
     * last stage mapped to the teacher's channels by a 1x1 convolution that is dropped at export (FitNets' hint). The
     * teacher runs beside the training to give it. {@code NaN} is off for an image student; a weight above 0 fails,
     * naming both, when the teacher pools no feature map or its size is not the student's (or a divisor of it).
     *
     * @return the hidden-state weight; {@code NaN} (automatic) by default
     */
    double hiddenWeight() default Double.NaN;

    /**
     * The weight of the layer term (TinyBERT's hidden-state distillation): {@code layerWeight · MSE(h_i, t_k(i))}
     * between each layer's output {@code h_i} of a {@link Architecture#TRANSFORMER} student and the output of the
     * teacher layer {@code k(i)} it was copied from ({@code @Student(teacherLayers)}), over the real tokens only. The
     * student is cut from the teacher, so both have its width and no adapter is needed. The teacher runs beside the
     * training to give its layers (they are too large to cache), which costs about one teacher pass per training
     * batch. In [0, 100]; 0 turns the term off; above 0 for another architecture is a compile-time error. {@code NaN}
     * (the default) is automatic: weight 1 for a TRANSFORMER student cut from a teacher whose layers can be read,
     * otherwise off; the build log and the report say which and why. TinyBERT weighs its layer terms 1 against the
     * prediction term; the weight is not yet measured by the benchmark.
     *
     * @return the layer weight; {@code NaN} (automatic) by default
     */
    double layerWeight() default Double.NaN;

    /**
     * The weight of the attention term (MiniLM's self-attention distillation): {@code attentionWeight · KL(a_t ‖ a_s)}
     * between the teacher's and the student's attention distributions, per head and per real query token over the
     * real keys, in the last layer of a {@link Architecture#TRANSFORMER} student against the teacher layer it was
     * copied from. The teacher runs beside the training as for {@link #layerWeight()}. In [0, 100]; 0 turns the term
     * off; above 0 for another architecture is a compile-time error. {@code NaN} (the default) is automatic, as for
     * {@code layerWeight}: weight 1 (MiniLM's) for a TRANSFORMER student cut from a teacher whose layers can be read,
     * otherwise off.
     *
     * @return the attention weight; {@code NaN} (automatic) by default
     */
    double attentionWeight() default Double.NaN;

    /**
     * The most passes over the training data. In [1, 1000].
     *
     * @return the maximum number of epochs; 10 by default
     */
    int epochs() default 10;

    /**
     * Early stopping: training stops after this many epochs in a row without a better development accuracy, and the
     * best epoch's weights are kept. In [1, 1000]; a value of at least {@link #epochs()} never stops early (a
     * warning).
     *
     * @return the patience in epochs; 3 by default
     */
    int patience() default 3;

    /**
     * The number of texts per training step. In [1, 4096].
     *
     * @return the batch size; 64 by default
     */
    int batchSize() default 64;

    /**
     * How many batches' gradients are summed before each optimizer step: the step sees {@code batchSize ·
     * accumulationSteps} texts while memory holds one batch (useful on a GPU with little memory, or to follow a
     * recipe's batch size). The learning-rate schedule counts optimizer steps. In [1, 64].
     *
     * @return the accumulation steps; 1 by default (a step per batch)
     */
    int accumulationSteps() default 1;

    /**
     * The peak learning rate of AdamW. In (0, 1]; above 0.1 draws a warning. Unset (NaN), the student architecture
     * chooses: 1e-3 for {@link Architecture#BILSTM}, {@link Architecture#CNN} and
     * {@link Architecture#BAG_OF_EMBEDDINGS}, which start from random weights, and 1e-4 for
     * {@link Architecture#TRANSFORMER}, which starts from its teacher's (a larger step would undo them).
     *
     * @return the learning rate; NaN by default: the architecture's
     */
    double learningRate() default Double.NaN;

    /**
     * AdamW's decoupled weight decay. In [0, 1).
     *
     * @return the weight decay; 0.01 by default
     */
    double weightDecay() default 0.01;

    /**
     * The share of all training steps over which the learning rate rises linearly from 0 to
     * {@link #learningRate()}; it then falls linearly to 0 at the last step. In [0, 1); 0 means no warm-up.
     *
     * @return the warm-up fraction; 0.06 by default
     */
    double warmupFraction() default 0.06;

    /**
     * The largest global L2 norm of the gradients; larger gradients are scaled down to it. At least 0 and finite;
     * 0 turns clipping off.
     *
     * @return the clipping norm; 1.0 by default
     */
    double gradientClip() default 1.0;

    /**
     * The seed of every random choice: the development split, shuffling, initialisation, dropout and augmentation.
     * Any value. The same seed, data and settings give the same student on the same machine.
     *
     * @return the random seed; 42 by default
     */
    long seed() default 42;

    /**
     * How the packaged student is stored; see {@link Quantization}.
     *
     * @return the quantization; {@link Quantization#INT8} by default
     */
    Quantization quantization() default Quantization.INT8;

    /**
     * Whether to keep only the tokens that occur in the training, development and transfer data (plus the special
     * tokens) in the student's embedding table and tokenizer. Shrinks the student a lot; unseen words then map to
     * the unknown token.
     *
     * @return whether the vocabulary is pruned; {@code true} by default
     */
    boolean pruneVocabulary() default true;

    /**
     * The quality gate: the build fails when the packaged student's development accuracy divided by the teacher's
     * (the <em>retention</em>; with several teachers, the ensemble's accuracy) is below this value. The packaged student is the int8 one unless
     * {@link #quantization()} is {@link Quantization#NONE}. In [0, 1]; 0 turns the gate off.
     *
     * @return the minimum retention; 0.0 (off) by default
     */
    double minRetention() default 0.0;

    /**
     * Data augmentation; see {@link Augmentation}.
     *
     * @return the augmentation; off by default
     */
    Augmentation augmentation() default @Augmentation;
}
