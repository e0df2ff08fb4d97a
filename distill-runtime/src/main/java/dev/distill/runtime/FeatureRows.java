package dev.distill.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Turns a row given by feature name into the array a tabular model reads, in its feature order. */
final class FeatureRows {

  private FeatureRows() {
  }

  /**
   * @param values each feature's raw value by name
   * @param names the model's features, in order
   * @throws IllegalArgumentException naming every unknown and every missing feature (and the model's features)
   */
  static float[] row(Map<String, Double> values, List<String> names) {
    Objects.requireNonNull(values, "features is null");
    TreeSet<String> unknown = new TreeSet<>(values.keySet());
    names.forEach(unknown::remove);
    List<String> missing = new ArrayList<>();
    float[] row = new float[names.size()];
    for (int i = 0; i < row.length; i++) {
      Double value = values.get(names.get(i));
      if (value == null) {
        missing.add(names.get(i));
      } else {
        row[i] = value.floatValue();
      }
    }
    if (!unknown.isEmpty() || !missing.isEmpty()) {
      throw new IllegalArgumentException("the row " + (unknown.isEmpty() ? "" : "names unknown features "
          + unknown + (missing.isEmpty() ? "" : " and ")) + (missing.isEmpty() ? "" : "lacks the features "
          + missing) + "; the model reads " + names.size() + " features " + names);
    }
    return row;
  }
}
