package dev.distill.spark;

import dev.distill.engine.softtargets.SoftTargetColumns;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of a labelled transfer set, one Parquet row per distinct text. {@link #SHA256} is the key the engine's
 * soft-target cache holds a text's rows under ({@code SoftTargetCache.textSha256}), so that the rows can fill it.
 * The names are the engine's ({@link SoftTargetColumns}), which reads the folder back ({@code @Dataset(softTargets)}).
 */
public final class LabelledColumns {

    /** The SHA-256 of the text's UTF-8 bytes, 64 lowercase hex digits. */
    public static final String SHA256 = SoftTargetColumns.SHA256;
    /** The text itself. */
    public static final String TEXT = SoftTargetColumns.TEXT;
    /** The teacher's logits, one float per label of its id2label, in that order. */
    public static final String LOGITS = SoftTargetColumns.LOGITS;
    /** The teacher's sentence vector (the input of its head), when asked for with {@code --pooled}. */
    public static final String POOLED = SoftTargetColumns.POOLED;

    private LabelledColumns() {
    }

    /** The schema of the output rows. */
    public static StructType schema(boolean pooled) {
        StructType schema = new StructType(new StructField[] {
            DataTypes.createStructField(SHA256, DataTypes.StringType, false),
            DataTypes.createStructField(TEXT, DataTypes.StringType, false),
            DataTypes.createStructField(LOGITS, DataTypes.createArrayType(DataTypes.FloatType, false), false),
        });
        return pooled
                ? schema.add(DataTypes.createStructField(POOLED, DataTypes.createArrayType(DataTypes.FloatType, false),
                        false))
                : schema;
    }

    /** One array column of a row read back from the output, e.g. {@link #LOGITS}. */
    public static float[] floats(Row row, String column) {
        List<Float> values = row.getList(row.fieldIndex(column));
        float[] floats = new float[values.size()];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = values.get(i);
        }
        return floats;
    }
}
