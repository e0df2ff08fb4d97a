package dev.distill.runtime.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The rows of a tabular data file as {@link FeatureFileReader} read them: the feature values by row in the order of
 * {@link #features()}, NaN where a value was missing (only when the reader was told to allow that), each row's gold
 * label and the line it started on.
 *
 * @param file the file read
 * @param features the feature columns, in the order of each row's values
 * @param rows the values, {@code [rows][features]}
 * @param labels each row's gold label, or null for every row of a file read without labels
 * @param lines each row's 1-based line in the file
 * @param missing for each feature column with missing values, how many
 */
public record FeatureTable(Path file, List<String> features, float[][] rows, List<String> labels, int[] lines,
    Map<String, Integer> missing) {

  /** Copies the lists and the map. */
  public FeatureTable {
    features = List.copyOf(features);
    labels = labels == null ? null : List.copyOf(labels);
    missing = Map.copyOf(missing);
  }

  /** @return the number of rows */
  public int size() {
    return rows.length;
  }

  /** @return {@code file:line} of row {@code i}, for messages */
  public String location(int i) {
    return DataFileException.location(file, lines[i]);
  }
}
