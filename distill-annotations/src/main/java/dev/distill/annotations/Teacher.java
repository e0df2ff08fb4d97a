package dev.distill.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The big model whose predictions the student learns from: an ONNX text classifier, or an ONNX sentence encoder
 * that gets a linear probe. Used only as the value of {@link Distill#teacher()}, alone or as one teacher of an
 * ensemble.
 *
 * <p>The teacher comes either from a file in the project ({@link #model()} is a path relative to the project base
 * directory) or from a Maven artifact ({@link #artifact()} names the jar, {@link #model()} the entry inside it).
 * {@link #model()} must always be set.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Teacher {

    /**
     * Where the teacher's ONNX model is. Without {@link #artifact()}: a path relative to the project base directory,
     * either to a {@code .onnx} file or to a folder in the HuggingFace/Optimum export layout ({@code model.onnx},
     * {@code tokenizer.json}, {@code config.json}). With {@link #artifact()}: the name of the entry inside that jar,
     * e.g. {@code all-minilm-l6-v2-q.onnx}. Use {@code /} as the separator. Must not leave the base directory
     * (see {@code -Adistill.allowOutsidePaths}).
     *
     * @return the model path or jar entry; must be set (the default, empty, is reported as an error)
     */
    String model() default "";

    /**
     * The teacher's HuggingFace {@code tokenizer.json}: a path relative to the project base directory, or, with
     * {@link #artifact()}, an entry of that jar. Empty means {@code tokenizer.json} in the folder of
     * {@link #model()} (the model folder itself, or the folder that holds the {@code .onnx} file; for a jar entry,
     * the same folder inside the jar).
     *
     * @return the tokenizer path or jar entry, or empty for {@code tokenizer.json} beside the model
     */
    String tokenizer() default "";

    /**
     * A Maven artifact (a jar) that holds the teacher, resolved by the plugin like any dependency. Accepted forms:
     * {@code groupId:artifactId:version} and {@code groupId:artifactId:jar:classifier:version}; each part is
     * letters, digits, {@code .}, {@code _}, {@code -} (and {@code +} in the version). Empty: the teacher is a file
     * in the project.
     *
     * @return the artifact coordinates, or empty
     */
    String artifact() default "";

    /**
     * How the model's outputs become class probabilities; see {@link Head}.
     *
     * @return the head; {@link Head#AUTO} by default
     */
    Head head() default Head.AUTO;

    /**
     * The longest input, in tokens, that the teacher sees; longer texts are truncated. In [0, 8192]; 0 means the
     * {@code max_length} of the teacher's {@code config.json}, or 128 when it has none.
     *
     * @return the teacher's maximum sequence length, or 0 for the model's own
     */
    int maxLength() default 0;

    /**
     * This teacher's share of an ensemble's mix, relative to the other teachers' weights (they are normalised to sum
     * 1), with {@link Distill#teacherWeights()} {@link TeacherWeights#FIXED}. In (0, 1000]. Not used with one
     * teacher, nor with {@link TeacherWeights#FITTED} weights (a warning when it is written then).
     *
     * @return the weight; 1 by default (equal weights)
     */
    double weight() default 1.0;
}
