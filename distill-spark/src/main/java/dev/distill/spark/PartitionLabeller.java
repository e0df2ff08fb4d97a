package dev.distill.spark;

import dev.distill.engine.signal.Signal;
import dev.distill.engine.teacher.BatchedTeacherRun;
import dev.distill.engine.teacher.ProgressListener;
import dev.distill.engine.teacher.SoftTargetCache;
import dev.distill.engine.teacher.Teacher;
import dev.distill.engine.teacher.TeacherOutput;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * Labels one partition with the executor's teacher: its texts, whole batches of the engine's in the engine's order
 * ({@link EngineBatchOrder}), go through the engine's {@link BatchedTeacherRun} (its stable length sort keeps that
 * order; every logit is checked), so each row is what the engine computes for that text. Output rows follow
 * {@link LabelledColumns#schema}.
 */
final class PartitionLabeller implements FlatMapFunction<Iterator<Tuple2<Long, Row>>, Row> {

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
    public Iterator<Row> call(Iterator<Tuple2<Long, Row>> input) {
        TaskContext task = TaskContext.get();
        List<String> texts = new ArrayList<>();
        List<String> locations = new ArrayList<>();
        while (input.hasNext()) {
            Row row = input.next()._2();
            texts.add(row.getString(0));
            locations.add(row.getString(2));
        }
        if (task != null && task.partitionId() == failFirstAttemptOf && task.attemptNumber() == 0) {
            throw new IllegalStateException("test hook: the first attempt of partition " + failFirstAttemptOf
                    + " fails after reading its rows");
        }
        if (texts.isEmpty()) {
            return List.<Row>of().iterator();
        }
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
