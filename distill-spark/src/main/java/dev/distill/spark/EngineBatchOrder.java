package dev.distill.spark;

import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Puts the distinct texts into partitions whose batches are exactly the engine's. The engine labels the distinct
 * texts of a transfer set in order of first appearance (its soft-target cache takes each text once), sorts them by
 * length (ties in that order) and cuts batches of {@code batchSize}. A teacher's logits for a text may depend on the
 * batch it is in: an int8 teacher quantizes its activations with one scale per batch tensor, and the padding follows
 * the longest text. So the job ranks the texts the same way over the whole input, and gives each partition a run of
 * whole batches: a partition's batches are then the engine's, and so are the labels, bit for bit.
 */
final class EngineBatchOrder {

    /** The distinct texts: each with its first appearance ({@code order}, {@code location}) and its length. */
    static final StructType DISTINCT = new StructType()
            .add("text", DataTypes.StringType, false)
            .add("order", DataTypes.LongType, false)
            .add("location", DataTypes.StringType, false)
            .add("length", DataTypes.IntegerType, false);

    /**
     * The ranked, partitioned texts and the count of partitions.
     *
     * @param ranked rank to {@code (text, order, location, length)} rows, each partition sorted by rank
     * @param distinct the distinct texts
     * @param partitions the partitions of {@code ranked}
     * @param cached the sorted texts, kept while the job runs
     */
    record Partitioned(JavaPairRDD<Long, Row> ranked, long distinct, int partitions, JavaRDD<Row> cached) {
        void release() {
            cached.unpersist(false);
        }
    }

    private EngineBatchOrder() {
    }

    /**
     * @param texts {@code (order, location, text)} rows ({@link TextSources})
     * @param batchSize texts per teacher call
     * @param rowsPerPartition texts per partition, rounded up to whole batches
     * @param minPartitions at least this many partitions when there are enough batches
     */
    static Partitioned of(Dataset<Row> texts, int batchSize, int rowsPerPartition, int minPartitions) {
        // First appearance of each text, and its length in UTF-16 units, as the engine's sort measures it.
        Dataset<Row> distinct = texts.groupBy("text")
                .agg(functions.min(functions.struct("order", "location")).as("first"))
                .select(functions.col("text"), functions.col("first.order").as("order"),
                        functions.col("first.location").as("location"))
                .map((org.apache.spark.api.java.function.MapFunction<Row, Row>) row -> RowFactory.create(
                        row.getString(0), row.getLong(1), row.getString(2), row.getString(0).length()),
                        Encoders.row(DISTINCT));
        // (length, order) is a total order: the sort, and so every rank, is the same when a stage is run again.
        JavaRDD<Row> sorted = distinct.sort("length", "order").javaRDD().persist(StorageLevel.MEMORY_AND_DISK());
        JavaPairRDD<Long, Row> byRank = sorted.zipWithIndex()
                .mapToPair(pair -> new scala.Tuple2<>(pair._2(), pair._1()));
        long count = byRank.count();
        long batches = Math.max(1, (count + batchSize - 1) / batchSize);
        long batchesPerPartition = Math.max(1, Math.min((rowsPerPartition + batchSize - 1L) / batchSize,
                (batches + minPartitions - 1) / Math.max(1, minPartitions)));
        int partitions = (int) Math.min(Integer.MAX_VALUE, (batches + batchesPerPartition - 1) / batchesPerPartition);
        RankPartitioner partitioner = new RankPartitioner(partitions, batchesPerPartition * batchSize);
        return new Partitioned(byRank.repartitionAndSortWithinPartitions(partitioner), count, partitions, sorted);
    }

    /**
     * Runs of {@code rows} consecutive ranks, whole batches of the engine's, the longest texts in partition 0: Spark
     * starts tasks in partition order, so the longest (slowest) ones run first and the short ones fill the gaps at
     * the end, instead of one long task left running alone.
     */
    static final class RankPartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int partitions;
        private final long rowsPerPartition;

        RankPartitioner(int partitions, long rowsPerPartition) {
            this.partitions = partitions;
            this.rowsPerPartition = rowsPerPartition;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            return partitions - 1 - (int) Math.min(partitions - 1, (Long) key / rowsPerPartition);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof RankPartitioner that && that.partitions == partitions
                    && that.rowsPerPartition == rowsPerPartition;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(partitions * 31L + rowsPerPartition);
        }
    }
}
