package dev.distill.runtime.data;

import static dev.distill.runtime.data.DataFileException.quote;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.distill.annotations.Format;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads texts and their labels from a TSV or CSV file with a header line (columns found by name;
 * RFC 4180 quoting in both, as Python's csv module writes TSV too) or a JSONL file (objects with a
 * text and a label key). UTF-8 only (a byte-order mark is dropped), LF or CRLF, blank lines
 * skipped. Every row keeps the line it starts on, so later errors (an unknown label, a NaN from
 * the teacher) can name it.
 *
 * <p>Errors name the file, the line and the value; a missing column lists the header. With
 * {@link BadRows#skipAndCount()} a bad row is skipped and counted instead; an empty file, a header
 * without rows and a missing column always fail, since no row could be read at all. A header that names a
 * column twice fails too (which of the two is meant cannot be told).
 *
 * <p>A text longer than {@link #MAX_TEXT_CHARS} characters is a bad row: no classifier reads that much (the
 * tokenizer keeps the first {@code max_length} tokens), and such a text is nearly always a quoting mistake that
 * swallowed many lines, or a file that is not text.
 */
public final class TextFileReader {
  /** Text columns tried, in order, when none is named. */
  public static final List<String> TEXT_COLUMN_GUESSES =
      List.of("text", "sentence", "content", "review", "document");
  /** The longest text accepted, in characters (UTF-16 units): 100,000. */
  public static final int MAX_TEXT_CHARS = 100_000;
  /** The usual label column, for callers that offer a default. */
  public static final String DEFAULT_LABEL_COLUMN = "label";

  private final String textColumn;
  private final String labelColumn;

  /**
   * @param textColumn the name of the text column or JSON key, or null to take the first of
   *     {@link #TEXT_COLUMN_GUESSES} the header (the first JSON object) has
   * @param labelColumn the name of the label column or JSON key, or null for an unlabeled file (a
   *     transfer set: only the text is needed)
   */
  public TextFileReader(String textColumn, String labelColumn) {
    this.textColumn = textColumn;
    this.labelColumn = labelColumn;
  }

  /**
   * Reads every row of a file whose format its extension names; a bad row fails the read.
   *
   * @param file the data file
   * @return the rows, in file order, never empty
   * @throws DataFileException on bad data
   * @throws IllegalArgumentException when the extension is not .tsv, .csv or .jsonl
   */
  public List<TextRow> read(Path file) {
    return read(file, Format.AUTO, BadRows.failFast());
  }

  /**
   * Reads every row of a file.
   *
   * @param file the data file
   * @param format the file's layout; AUTO decides from the extension
   * @param badRows what to do with a bad row
   * @return the rows, in file order, never empty
   * @throws DataFileException on bad data that is not skipped
   * @throws IllegalArgumentException when AUTO meets an unknown extension
   */
  public List<TextRow> read(Path file, Format format, BadRows badRows) {
    Format resolved = resolve(format, file);
    List<TextRow> rows;
    try (Utf8LineReader lines = new Utf8LineReader(file)) {
      rows = switch (resolved) {
        case TSV -> readDelimited(lines, '\t', badRows);
        case CSV -> readDelimited(lines, ',', badRows);
        case JSONL -> readJsonLines(lines, badRows);
        case AUTO -> throw new IllegalStateException("AUTO was resolved above");
      };
    }
    if (rows.isEmpty()) {
      throw new DataFileException(file, 0, "no usable rows"
          + (badRows.total() > 0 ? " (" + badRows + ")" : ""));
    }
    return rows;
  }

  /**
   * The format of a file: the given one, or for AUTO the one its extension names.
   *
   * @param format the format asked for
   * @param file the data file
   * @return TSV, CSV or JSONL
   * @throws IllegalArgumentException when AUTO meets an unknown extension
   */
  public static Format resolve(Format format, Path file) {
    if (format != Format.AUTO) {
      return format;
    }
    return Format.inferFrom(file.getFileName().toString()).orElseThrow(() -> new IllegalArgumentException(
        "Cannot tell the format of data file " + file + " from its extension; name it .tsv, .csv or "
            + ".jsonl, or set the format to TSV, CSV or JSONL"));
  }

  private List<TextRow> readDelimited(Utf8LineReader lines, char delimiter, BadRows badRows) {
    Path file = lines.file();
    DelimitedRecordReader records = new DelimitedRecordReader(lines, delimiter);
    DelimitedRecordReader.Record header = records.next();
    if (header == null) {
      throw new DataFileException(file, 0, "the file is empty; expected a header line naming the columns "
          + describeColumns() + (delimiter == '\t' ? " separated by tabs" : " separated by commas"));
    }
    List<String> columns = header.fields().stream().map(String::strip).toList();
    checkDistinct(file, header.line(), columns);
    String text = textColumn(file, header.line(), columns);
    int textIndex = columnIndex(file, header.line(), columns, text);
    int labelIndex = labelColumn == null ? -1 : columnIndex(file, header.line(), columns, labelColumn);
    List<TextRow> rows = new ArrayList<>();
    for (DelimitedRecordReader.Record record = records.next(); record != null; record = records.next()) {
      List<String> fields = record.fields();
      if (fields.size() != columns.size()) {
        badRows.reject(file, record.line(), BadRows.Reason.COLUMN_COUNT, "expected " + columns.size()
            + " columns (" + String.join(", ", columns) + "), got " + fields.size()
            + ": " + quote(String.join(delimiter == '\t' ? "\\t" : ",", fields))
            + (delimiter == '\t' ? "" : "; quote a text that holds commas"));
        continue;
      }
      addRow(file, record.line(), text, fields.get(textIndex),
          labelIndex < 0 ? null : fields.get(labelIndex), rows, badRows);
    }
    if (rows.isEmpty() && badRows.total() == 0) {
      throw new DataFileException(file, 0, "the file has a header (" + String.join(", ", columns)
          + ") but no rows");
    }
    return rows;
  }

  private List<TextRow> readJsonLines(Utf8LineReader lines, BadRows badRows) {
    Path file = lines.file();
    List<TextRow> rows = new ArrayList<>();
    String text = textColumn;
    boolean sawObject = false;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (line.isBlank()) {
        continue;
      }
      sawObject = true;
      int number = lines.lineNumber();
      JsonObject object = parseObject(file, number, line, badRows);
      if (object == null) {
        continue;
      }
      if (text == null) {
        text = textColumn(file, number, List.copyOf(object.keySet()));
      }
      String value = jsonValue(file, number, object, text, badRows);
      String label = labelColumn == null ? null : jsonValue(file, number, object, labelColumn, badRows);
      if (value == null || (labelColumn != null && label == null)) {
        continue;
      }
      addRow(file, number, text, value, label, rows, badRows);
    }
    if (!sawObject) {
      throw new DataFileException(file, 0,
          "the file is empty; expected one JSON object per line with the keys " + describeColumns());
    }
    return rows;
  }

  /** The object on a line, or null when the line is rejected. */
  private JsonObject parseObject(Path file, int line, String json, BadRows badRows) {
    try {
      JsonElement element = JsonParser.parseString(json);
      if (element.isJsonObject()) {
        return element.getAsJsonObject();
      }
      badRows.reject(file, line, BadRows.Reason.MALFORMED_JSON,
          "expected a JSON object with the keys " + describeColumns() + ", got " + quote(json));
    } catch (JsonParseException e) {
      badRows.reject(file, line, BadRows.Reason.MALFORMED_JSON,
          "not valid JSON (" + e.getMessage() + "): " + quote(json));
    }
    return null;
  }

  private static String jsonValue(Path file, int line, JsonObject object, String key, BadRows badRows) {
    JsonElement value = object.get(key);
    if (value == null || value.isJsonNull()) {
      badRows.reject(file, line, BadRows.Reason.MISSING_VALUE,
          "no key '" + key + "' in the object; its keys are " + object.keySet());
      return null;
    }
    if (!value.isJsonPrimitive()) {
      badRows.reject(file, line, BadRows.Reason.MISSING_VALUE,
          "key '" + key + "' holds " + quote(value.toString()) + "; expected a string or a number");
      return null;
    }
    JsonPrimitive primitive = value.getAsJsonPrimitive();
    if (primitive.isNumber()) {
      // 1 and 1.0 are the same label; BigDecimal prints neither an exponent nor ".0".
      BigDecimal number = primitive.getAsBigDecimal().stripTrailingZeros();
      return number.scale() <= 0 ? number.toBigInteger().toString() : number.toPlainString();
    }
    return primitive.getAsString();
  }

  static void checkDistinct(Path file, int line, List<String> columns) {
    for (int i = 0; i < columns.size(); i++) {
      int again = columns.subList(i + 1, columns.size()).indexOf(columns.get(i));
      if (again >= 0) {
        throw new DataFileException(file, line, "the header names the column " + quote(columns.get(i))
            + " twice (columns " + (i + 1) + " and " + (i + 2 + again) + " of " + quoted(columns)
            + "); give every column its own name");
      }
    }
  }

  /**
   * Checks one text as every reader of texts does: not longer than {@link #MAX_TEXT_CHARS}, not blank. Readers of
   * other formats (distill-spark's Parquet input) call it so that a bad text gets the same message.
   *
   * @param file the data file, named in the message
   * @param line the text's line, or its row number in a format without lines
   * @param column the text column, named in the message
   * @return whether the text is kept (false: it was rejected and {@code badRows} skips it)
   * @throws DataFileException when the text is bad and {@code badRows} does not skip
   */
  public static boolean acceptText(Path file, int line, String column, String text, BadRows badRows) {
    if (text.length() > MAX_TEXT_CHARS) {
      badRows.reject(file, line, BadRows.Reason.TEXT_TOO_LONG, "the text (" + quote(column) + ") has "
          + text.length() + " characters, more than the " + MAX_TEXT_CHARS + " a text may have: "
          + quote(text) + "; check the row's quoting (an unmatched '\"' joins the lines that follow), or"
          + " shorten the text");
      return false;
    }
    if (text.isBlank()) {
      badRows.reject(file, line, BadRows.Reason.EMPTY_TEXT,
          "the text (" + quote(column) + ") is empty: " + quote(text));
      return false;
    }
    return true;
  }

  private void addRow(Path file, int line, String column, String text, String label, List<TextRow> rows,
      BadRows badRows) {
    if (!acceptText(file, line, column, text, badRows)) {
      return;
    }
    if (label != null && label.isBlank()) {
      badRows.reject(file, line, BadRows.Reason.MISSING_VALUE,
          "the label (" + quote(labelColumn) + ") is empty: " + quote(label));
      return;
    }
    rows.add(new TextRow(line, text, label == null ? null : label.strip()));
  }

  /**
   * The text column of a file whose columns are named without a header line (distill-spark's Parquet input): the one
   * asked for, or the first guess, failing with the message a header without it gets.
   *
   * @param file the data file, named in the message
   * @param columns the file's column names
   * @throws DataFileException when the column is not among them
   */
  public String textColumnAmong(Path file, List<String> columns) {
    String text = textColumn(file, 0, columns);
    columnIndex(file, 0, columns, text);
    return text;
  }

  /** The text column asked for, or the first guess among the columns. */
  private String textColumn(Path file, int line, List<String> columns) {
    if (textColumn != null) {
      return textColumn;
    }
    return TEXT_COLUMN_GUESSES.stream().filter(columns::contains).findFirst()
        .orElseThrow(() -> new DataFileException(file, line, "no text column among the "
            + columns.size() + " column(s) " + quoted(columns) + "; looked for " + quoted(TEXT_COLUMN_GUESSES)
            + "; name the text column"));
  }

  static int columnIndex(Path file, int line, List<String> columns, String column) {
    int index = columns.indexOf(column);
    if (index < 0) {
      throw new DataFileException(file, line, "no column " + quote(column) + " in the header; the header has "
          + columns.size() + " column(s): " + quoted(columns) + "; set the column name to one of them");
    }
    return index;
  }

  private static String quoted(List<String> names) {
    return String.join(", ", names.stream().map(DataFileException::quote).toList());
  }

  private String describeColumns() {
    String text = textColumn != null ? quote(textColumn) : "a text column (" + String.join(", ",
        TEXT_COLUMN_GUESSES) + ")";
    return labelColumn == null ? text : text + " and " + quote(labelColumn);
  }
}
