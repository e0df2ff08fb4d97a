package dev.distill.engine.data;

import dev.distill.engine.teacher.BatchedTeacherRun;
import dev.distill.engine.teacher.ContentHash;
import dev.distill.engine.teacher.EnsembleTeacher;
import dev.distill.engine.teacher.ProgressListener;
import dev.distill.engine.teacher.SoftTargetCache;
import dev.distill.engine.teacher.Teacher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * A teacher's logits of many texts, through the soft-target cache when there is one: only the texts it does not hold
 * go to the teacher. An {@link EnsembleTeacher} is labelled teacher by teacher, each under its own cache key, and
 * its logits mixed from theirs, so that adding a teacher to an ensemble labels with that teacher only.
 */
public final class TeacherLabels {

    private final SoftTargetCache cache;
    private final int batchSize;
    private final ProgressListener progress;

    /**
     * @param cache the soft-target cache, or null for none
     * @param batchSize texts per teacher call
     * @param progress told how many texts the teacher has labelled in the current pass
     */
    public TeacherLabels(SoftTargetCache cache, int batchSize, ProgressListener progress) {
        this.cache = cache;
        this.batchSize = batchSize;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** The cache, or null. */
    SoftTargetCache cache() {
        return cache;
    }

    /**
     * The logits of every text, in order.
     *
     * @param location names text {@code i} in an error, e.g. {@code train.tsv:17}
     */
    public float[][] logits(Teacher teacher, List<String> texts, IntFunction<String> location) {
        if (teacher instanceof EnsembleTeacher ensemble) {
            List<float[][]> members = new ArrayList<>();
            for (Teacher member : ensemble.members()) {
                members.add(logits(member, texts, location));
            }
            return ensemble.mix(members);
        }
        BatchedTeacherRun run = new BatchedTeacherRun(teacher, batchSize, progress);
        if (cache == null) {
            return run.logits(texts, location);
        }
        // Only the texts the cache does not hold go to the teacher; errors still name their place in the data.
        return cache.getOrCompute(key(teacher), texts,
                (missing, indices) -> run.logits(missing, i -> location.apply(indices[i])));
    }

    /**
     * The cache key of one teacher's rows: its fingerprint, its tokenizer and its max length. A labelling job outside
     * the engine records it beside its rows, so that they fill the cache of exactly this teacher.
     */
    public static String key(Teacher teacher) {
        return SoftTargetCache.teacherKey(teacher.fingerprint(), ContentHash.ofFile(teacher.tokenizerFile()),
                teacher.maxLength());
    }
}
