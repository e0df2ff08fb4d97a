package dev.distill.runtime.data;

import static dev.distill.runtime.data.DataFileException.quote;

import dev.distill.annotations.Format;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads tabular data: numeric feature columns and a label column of a CSV or TSV file with a header (RFC 4180
 * quoting, as {@link TextFileReader} reads them). A value that is empty, not a number or {@code NaN} is missing: an
 * error naming the file, the line and the column, unless the reader is told to allow missing values, which it then
 * stores as NaN for a policy to fill.
 */
public final class FeatureFileReader {
  private final List<String> features;
  private final String labelColumn;
  private final boolean allowMissing;
  private final String missingAdvice;

  /**
   * @param features the feature columns in the order the model reads them, or empty for every column but the label
   * @param labelColumn the gold label column, or null to read a file without labels (a transfer set)
   * @param allowMissing whether a missing value is stored as NaN rather than failing
   * @param missingAdvice the fix a missing-value error suggests, e.g. "set data.missing = MEAN or ZERO"
   */
  public FeatureFileReader(List<String> features, String labelColumn, boolean allowMissing, String missingAdvice) {
    this.features = List.copyOf(features);
    this.labelColumn = labelColumn;
    this.allowMissing = allowMissing;
    this.missingAdvice = missingAdvice;
  }

  /**
   * Reads every row of a file.
   *
   * @param file the data file
   * @param format its format; AUTO decides from the extension
   * @return the rows, in file order, never empty
   * @throws DataFileException naming the file, line and column of a bad value or a missing column
   * @throws IllegalArgumentException for a JSONL file, or when AUTO meets an unknown extension
   */
  public FeatureTable read(Path file, Format format) {
    Format resolved = TextFileReader.resolve(format, file);
    if (resolved == Format.JSONL) {
      throw new IllegalArgumentException("the tabular data file " + file + " is JSONL; numeric features are read from"
          + " a CSV or TSV file with a header: convert it to .csv or .tsv");
    }
    try (Utf8LineReader lines = new Utf8LineReader(file);
        DelimitedRecordReader records = new DelimitedRecordReader(lines, resolved == Format.TSV ? '\t' : ',')) {
      DelimitedRecordReader.Record header = records.next();
      if (header == null) {
        throw new DataFileException(file, 0, "the file is empty; expected a header line naming the feature columns"
            + (labelColumn == null ? "" : " and " + quote(labelColumn)));
      }
      List<String> columns = header.fields().stream().map(String::strip).toList();
      TextFileReader.checkDistinct(file, header.line(), columns);
      int labelIndex = labelColumn == null ? -1 : TextFileReader.columnIndex(file, header.line(), columns, labelColumn);
      List<String> names = features.isEmpty()
          ? columns.stream().filter(c -> !c.equals(labelColumn)).toList() : features;
      if (names.isEmpty()) {
        throw new DataFileException(file, header.line(), "the header names no feature column besides the label "
            + quote(labelColumn));
      }
      int[] indexes = new int[names.size()];
      for (int f = 0; f < indexes.length; f++) {
        indexes[f] = TextFileReader.columnIndex(file, header.line(), columns, names.get(f));
      }
      List<float[]> rows = new ArrayList<>();
      List<String> labels = labelColumn == null ? null : new ArrayList<>();
      List<Integer> rowLines = new ArrayList<>();
      Map<String, Integer> missing = new LinkedHashMap<>();
      for (DelimitedRecordReader.Record record = records.next(); record != null; record = records.next()) {
        List<String> fields = record.fields();
        if (fields.size() != columns.size()) {
          throw new DataFileException(file, record.line(), "expected " + columns.size() + " columns, got "
              + fields.size() + "; check the delimiter and the quoting of this line");
        }
        float[] row = new float[indexes.length];
        for (int f = 0; f < indexes.length; f++) {
          row[f] = value(file, record.line(), names.get(f), fields.get(indexes[f]), missing);
        }
        if (labels != null) {
          String label = fields.get(labelIndex).strip();
          if (label.isEmpty()) {
            throw new DataFileException(file, record.line(), "the label (" + quote(labelColumn) + ") is empty");
          }
          labels.add(label);
        }
        rows.add(row);
        rowLines.add(record.line());
      }
      if (rows.isEmpty()) {
        throw new DataFileException(file, header.line(), "no rows after the header");
      }
      return new FeatureTable(file, names, rows.toArray(new float[0][]), labels,
          rowLines.stream().mapToInt(Integer::intValue).toArray(), missing);
    }
  }

  private float value(Path file, int line, String column, String field, Map<String, Integer> missing) {
    String text = field.strip();
    float value;
    try {
      value = text.isEmpty() ? Float.NaN : Float.parseFloat(text);
    } catch (NumberFormatException e) {
      value = Float.NaN;
    }
    if (Float.isInfinite(value)) {
      throw new DataFileException(file, line, "the feature " + quote(column) + " is " + quote(text)
          + ", beyond the range of a float");
    }
    if (Float.isNaN(value)) {
      if (!allowMissing) {
        throw new DataFileException(file, line, "the feature " + quote(column) + " is "
            + (text.isEmpty() ? "empty" : quote(text) + ", not a number") + "; fix the value, or " + missingAdvice);
      }
      missing.merge(column, 1, Integer::sum);
    }
    return value;
  }
}
