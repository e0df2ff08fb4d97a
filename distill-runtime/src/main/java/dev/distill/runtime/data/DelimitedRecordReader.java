package dev.distill.runtime.data;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a delimited text file (CSV or TSV) into records with RFC 4180 quoting: a field that
 * starts with a double quote may hold the delimiter, line breaks and doubled quotes
 * ({@code ""}). A quote inside an unquoted field is kept as it is, as Python's csv module writes
 * and reads it (GLUE's TSV files hold such bare quotes). Blank lines are skipped.
 */
final class DelimitedRecordReader implements Closeable {

  /** One record and the 1-based line it starts on. */
  record Record(int line, List<String> fields) {
  }

  private final Utf8LineReader lines;
  private final char delimiter;

  DelimitedRecordReader(Utf8LineReader lines, char delimiter) {
    this.lines = lines;
    this.delimiter = delimiter;
  }

  /** The next record, or null at the end of the file. */
  Record next() {
    String line = lines.readLine();
    while (line != null && line.isEmpty()) {
      line = lines.readLine();
    }
    if (line == null) {
      return null;
    }
    int startLine = lines.lineNumber();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean fieldStart = true;
    int i = 0;
    while (true) {
      if (i == line.length()) {
        if (!quoted) {
          break;
        }
        // A quoted field runs on over the line break, which it keeps as written (LF or CRLF).
        String lineEnding = lines.lineEnding();
        line = lines.readLine();
        if (line == null) {
          throw new DataFileException(lines.file(), startLine,
              "a quoted field is not closed before the end of the file; "
                  + "check for an unmatched '\"' or double the quotes inside the field");
        }
        field.append(lineEnding);
        i = 0;
        continue;
      }
      char c = line.charAt(i++);
      if (quoted) {
        if (c != '"') {
          field.append(c);
        } else if (i < line.length() && line.charAt(i) == '"') {
          field.append('"');
          i++;
        } else {
          quoted = false;
        }
      } else if (c == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
        fieldStart = true;
        continue;
      } else if (c == '"' && fieldStart) {
        quoted = true;
      } else {
        field.append(c);
      }
      fieldStart = false;
    }
    fields.add(field.toString());
    return new Record(startLine, fields);
  }

  @Override
  public void close() {
    lines.close();
  }
}
