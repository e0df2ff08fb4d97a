package dev.distill.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The labelled (and optionally unlabelled) texts that distillation trains and checks on. Used only as the value of
 * {@link Distill#data()}. Every path is relative to the project base directory, uses {@code /} as the separator,
 * and must not leave the base directory (see {@code -Adistill.allowOutsidePaths}); the plugin can override each of
 * them at build time ({@code -Ddistill.data.train=...}).
 *
 * <p>TSV and CSV files start with a header line naming their columns; JSONL files hold one object per line. Columns
 * other than {@link #textColumn()} and {@link #labelColumn()} are ignored, in any order.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Dataset {

    /**
     * The labelled training data. Required, non-empty. For an image student: a folder of class folders, a CSV of
     * paths and labels, or an IDX image file ({@code train-images-idx3-ubyte[.gz]}, with its
     * {@code train-labels-idx1-ubyte[.gz]} beside it, whose labels are the teacher's class ids).
     *
     * @return the path of the training file
     */
    String train();

    /**
     * The labelled development data: early stopping, the teacher's and the student's reported accuracy, and the
     * quality gate of {@link Distill#minRetention()} use it. Empty means: hold out {@link #devFraction()} of the
     * training rows instead, chosen by a shuffle seeded with {@link Distill#seed()}, so the same seed and file give
     * the same split.
     *
     * @return the path of the development file, or empty to hold out part of {@link #train()}
     */
    String dev() default "";

    /**
     * The share of {@link #train()} held out as development data when {@link #dev()} is empty; ignored otherwise.
     * In (0, 0.5].
     *
     * @return the held-out fraction; 0.1 by default
     */
    double devFraction() default 0.1;

    /**
     * Extra unlabelled texts (only {@link #textColumn()} is read) that the teacher labels with soft targets and the
     * student trains on, next to the training data: the "transfer set" of Hinton et al. (2015). Empty: none.
     *
     * @return the path of the transfer file, or empty
     */
    String transfer() default "";

    /**
     * A folder of soft targets computed outside the build, as {@code distill-spark}'s labelling job writes it: Parquet
     * files (every {@code *.parquet} in the folder; names starting with {@code .} or {@code _} are skipped) with the
     * columns {@code sha256} (the SHA-256 of the text's UTF-8 bytes, 64 hex digits), {@code text}, {@code logits} (a
     * list of floats, one per label of the teacher, in its order) and, optionally, {@code pooled} (the teacher's
     * sentence vector). Its texts join the transfer set next to {@link #transfer()}, and the teacher is not run on
     * them: their stored logits (and sentence vectors) are the soft targets, exactly as stored. Reading the folder
     * needs {@code dev.distill:distill-parquet} as a {@code <dependency>} of the distill-maven-plugin
     * {@code <plugin>}. Empty: none.
     *
     * @return the path of the folder, or empty
     */
    String softTargets() default "";

    /**
     * The format of all three files. {@link Format#AUTO} infers each file's format from its own extension
     * ({@code .tsv}, {@code .csv}, {@code .jsonl}); any other extension then is an error.
     *
     * @return the file format; {@link Format#AUTO} by default
     */
    Format format() default Format.AUTO;

    /**
     * The name of the column (TSV/CSV header) or key (JSONL) that holds the text. Non-empty, different from
     * {@link #labelColumn()}.
     *
     * @return the text column; {@code "text"} by default
     */
    String textColumn() default "text";

    /**
     * The name of the column (TSV/CSV header) or key (JSONL) that holds the gold label, as a string (e.g.
     * {@code 0}/{@code 1} or {@code World}). Non-empty, different from {@link #textColumn()}.
     *
     * @return the label column; {@code "label"} by default
     */
    String labelColumn() default "label";

    /**
     * The label set, in the order of the model's output classes. A {@link Head#CLASSIFIER} teacher's
     * {@code config.json} ({@code id2label}) takes precedence when it has one; a {@link Head#LINEAR_PROBE} teacher
     * uses this order. Empty means the labels found in {@link #train()}, in order of first appearance. Entries are
     * non-empty and distinct.
     *
     * @return the labels, or empty to take them from the training data
     */
    String[] labels() default {};

    /**
     * What to do with a row that cannot be read (a missing column, an empty text, a label outside
     * {@link #labels()}): {@code false} fails the build naming the file, line and column; {@code true} skips the row
     * with a warning and reports how many were skipped.
     *
     * @return whether bad rows are skipped; {@code false} by default
     */
    boolean skipBadRows() default false;

    /**
     * The numeric feature columns of tabular data, in the order the model reads them: read by an
     * {@link Architecture#MLP} student (and its teacher), which ignores {@link #textColumn()}. Empty means every
     * column of the header but {@link #labelColumn()}, in the file's order. Entries are non-empty, distinct and not the
     * label column; TSV or CSV files only. A value that is not a number is handled by {@link #missing()}.
     *
     * @return the feature columns, or empty for all but the label
     */
    String[] features() default {};

    /**
     * What an {@link Architecture#MLP} build does with a feature value that is empty or not a number:
     * {@link MissingValues#ERROR} fails naming file, line and column; {@link MissingValues#MEAN} and
     * {@link MissingValues#ZERO} replace it (and the log counts the replacements per column).
     *
     * @return the policy; {@link MissingValues#ERROR} by default
     */
    MissingValues missing() default MissingValues.ERROR;
}
