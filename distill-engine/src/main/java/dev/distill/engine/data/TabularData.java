package dev.distill.engine.data;

import dev.distill.annotations.MissingValues;
import dev.distill.runtime.data.DataFileException;
import dev.distill.runtime.data.FeatureFileReader;
import dev.distill.runtime.data.FeatureTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The training and dev rows of tabular data ({@code @Dataset(features = ...)}, read by an MLP student): numeric
 * feature columns of a CSV or TSV file, the gold label mapped onto the teacher's labels, missing values handled by
 * {@code data.missing}, and the per-feature mean and standard deviation of the training rows that the student
 * bakes into its graph.
 *
 * @param features the feature columns, in the order of each row's values
 * @param labels the label set, in logit order (the teacher's)
 * @param train the training rows
 * @param dev the dev rows: the dev file's, or {@code devFraction} of train held out with the seed
 * @param filled one line per column whose missing values were filled, e.g. {@code train.csv: Slope: 3 values (MEAN 11.5)}
 */
public record TabularData(List<String> features, List<String> labels, TabularRows train, TabularRows dev,
        List<String> filled) {

    /** What a missing-value error suggests. */
    static final String MISSING_ADVICE = "set data.missing = MissingValues.MEAN or MissingValues.ZERO to fill such"
            + " values";

    /**
     * Reads the data of {@code spec} for a model of {@code labels}.
     *
     * @throws DataFileException naming the file, line and column of a bad value, or the row of an unknown label
     * @throws IllegalArgumentException for a file that cannot hold tabular data (JSONL) or a dev file whose columns
     *     differ from train's
     */
    public static TabularData read(DataSpec spec, List<String> labels) {
        boolean fill = spec.missing() != MissingValues.ERROR;
        FeatureFileReader reader = new FeatureFileReader(spec.features(), spec.labelColumn(), fill, MISSING_ADVICE);
        FeatureTable train = reader.read(spec.train(), spec.format());
        FeatureTable devTable = spec.dev() == null ? null
                : new FeatureFileReader(train.features(), spec.labelColumn(), fill, MISSING_ADVICE)
                        .read(spec.dev(), spec.format());
        float[] fillValues = fillValues(train, spec.missing());
        List<String> filled = new ArrayList<>();
        describeFilled(train, spec.missing(), fillValues, filled);
        TabularRows trainRows = rows(train, labels, fillValues);
        TabularRows devRows;
        if (devTable != null) {
            describeFilled(devTable, spec.missing(), fillValues, filled);
            devRows = rows(devTable, labels, fillValues);
        } else {
            int[][] split = holdOut(trainRows.size(), spec.devFraction(), spec.seed());
            devRows = trainRows.select(split[1]);
            trainRows = trainRows.select(split[0]);
        }
        return new TabularData(train.features(), labels, trainRows, devRows, filled);
    }

    /** Copies the lists. */
    public TabularData {
        features = List.copyOf(features);
        labels = List.copyOf(labels);
        filled = List.copyOf(filled);
    }

    /** The mean of each feature over the training rows, in double. */
    public float[] trainMean() {
        double[] sum = new double[features.size()];
        for (float[] row : train.features()) {
            for (int f = 0; f < sum.length; f++) {
                sum[f] += row[f];
            }
        }
        float[] mean = new float[sum.length];
        for (int f = 0; f < mean.length; f++) {
            mean[f] = (float) (sum[f] / train.size());
        }
        return mean;
    }

    /**
     * 1 / the standard deviation of each feature over the training rows; 1 for a constant feature, which then stays
     * 0 after centring instead of dividing by zero.
     */
    public float[] trainScale() {
        float[] mean = trainMean();
        double[] squares = new double[mean.length];
        for (float[] row : train.features()) {
            for (int f = 0; f < mean.length; f++) {
                double d = row[f] - mean[f];
                squares[f] += d * d;
            }
        }
        float[] scale = new float[mean.length];
        for (int f = 0; f < scale.length; f++) {
            double std = Math.sqrt(squares[f] / train.size());
            scale[f] = std > 1e-12 ? (float) (1 / std) : 1f;
        }
        return scale;
    }

    private static float[] fillValues(FeatureTable train, MissingValues policy) {
        float[] values = new float[train.features().size()];
        if (policy != MissingValues.MEAN) {
            return values;
        }
        for (int f = 0; f < values.length; f++) {
            double sum = 0;
            int count = 0;
            for (float[] row : train.rows()) {
                if (!Float.isNaN(row[f])) {
                    sum += row[f];
                    count++;
                }
            }
            if (count == 0 && train.missing().containsKey(train.features().get(f))) {
                throw new DataFileException(train.file(), 0, "the feature '" + train.features().get(f) + "' has no"
                        + " value in any row, so it has no mean to fill with: drop it from data.features or set"
                        + " data.missing = MissingValues.ZERO");
            }
            values[f] = count == 0 ? 0f : (float) (sum / count);
        }
        return values;
    }

    private static void describeFilled(FeatureTable table, MissingValues policy, float[] fillValues,
            List<String> filled) {
        table.missing().forEach((column, count) -> filled.add(String.format(Locale.ROOT, "%s: %s: %d %s (%s %s)",
                table.file().getFileName(), column, count, count == 1 ? "value" : "values", policy,
                fillValues[table.features().indexOf(column)])));
    }

    private static TabularRows rows(FeatureTable table, List<String> labels, float[] fillValues) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        float[][] features = new float[table.size()][];
        int[] gold = new int[table.size()];
        String[] locations = new String[table.size()];
        for (int r = 0; r < table.size(); r++) {
            float[] row = table.rows()[r].clone();
            for (int f = 0; f < row.length; f++) {
                if (Float.isNaN(row[f])) {
                    row[f] = fillValues[f];
                }
            }
            features[r] = row;
            Integer label = index.get(table.labels().get(r));
            if (label == null) {
                throw new DataFileException(table.file(), table.lines()[r], "the label '" + table.labels().get(r)
                        + "' is not one of the teacher's labels " + labels + "; fix the row or the teacher's"
                        + " config.json id2label");
            }
            gold[r] = label;
            locations[r] = table.location(r);
        }
        return new TabularRows(features, gold, locations);
    }

    /** {@code [train indexes, dev indexes]}: a seeded shuffle, the first {@code fraction} (at least one row) dev. */
    static int[][] holdOut(int rows, double fraction, long seed) {
        Integer[] order = new Integer[rows];
        Arrays.setAll(order, i -> i);
        java.util.Collections.shuffle(Arrays.asList(order), new Random(seed));
        int devRows = Math.max(1, (int) Math.round(rows * fraction));
        if (devRows >= rows) {
            throw new IllegalArgumentException("the training file has " + rows + " rows: too few to hold out "
                    + fraction + " of them as dev rows; give data.dev a file");
        }
        int[] dev = Arrays.stream(order, 0, devRows).mapToInt(Integer::intValue).sorted().toArray();
        int[] train = Arrays.stream(order, devRows, rows).mapToInt(Integer::intValue).sorted().toArray();
        return new int[][] {train, dev};
    }
}
