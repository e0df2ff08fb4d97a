package dev.distill.spark;

import dev.distill.engine.signal.Signal;
import dev.distill.engine.teacher.BatchedTeacherRun;
import dev.distill.engine.teacher.ProgressListener;
import dev.distill.engine.teacher.SoftTargetCache;
import dev.distill.engine.teacher.Teacher;
import dev.distill.engine.teacher.TeacherOutput;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;

/**
 * Labels one partition with the executor's teacher: its distinct texts go through the engine's
 * {@link BatchedTeacherRun} (length-sorted batches, every logit checked), so each row is what the engine computes for
 * that text. Input rows are {@code (location, text)} ({@link TextSources}); output rows follow
 * {@link LabelledColumns#schema}.
 */
final class PartitionLabeller implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final TeacherSettings teacher;
    private final LongAccumulator written;
    /** A test hook: the partition whose first attempt fails, as a killed task would; -1 for none. */
    private final int failFirstAttemptOf;

    PartitionLabeller(TeacherSettings teacher, LongAccumulator written, int failFirstAttemptOf) {
        this.teacher = teacher;
        this.written = written;
        this.failFirstAttemptOf = failFirstAttemptOf;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        TaskContext task = TaskContext.get();
        // Equal texts share a key, and the rows were partitioned by it: each distinct text is labelled once.
        Map<String, String> locationOf = new LinkedHashMap<>();
        while (input.hasNext()) {
            Row row = input.next();
            locationOf.putIfAbsent(row.getString(1), row.getString(0));
        }
        if (task != null && task.partitionId() == failFirstAttemptOf && task.attemptNumber() == 0) {
            throw new IllegalStateException("test hook: the first attempt of partition " + failFirstAttemptOf
                    + " fails after reading its rows");
        }
        if (locationOf.isEmpty()) {
            return List.<Row>of().iterator();
        }
        List<String> texts = new ArrayList<>(locationOf.keySet());
        List<String> locations = new ArrayList<>(locationOf.values());
        Teacher model = ExecutorTeachers.of(teacher, task == null ? 1 : task.cpus());
        BatchedTeacherRun run = new BatchedTeacherRun(model, teacher.batchSize(), ProgressListener.NONE);
        List<Row> rows = new ArrayList<>(texts.size());
        if (teacher.pooled()) {
            List<TeacherOutput> outputs = run.outputs(texts, Set.of(Signal.LOGITS, Signal.POOLED), locations::get);
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i);
                rows.add(RowFactory.create(SoftTargetCache.textSha256(text), text, outputs.get(i).logits(),
                        outputs.get(i).signals().get(Signal.POOLED).values()));
            }
        } else {
            float[][] logits = run.logits(texts, locations::get);
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i);
                rows.add(RowFactory.create(SoftTargetCache.textSha256(text), text, logits[i]));
            }
        }
        written.add(rows.size());
        return rows.iterator();
    }
}
