package dev.distill.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.annotations.Format;
import dev.distill.runtime.testing.TestPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TSV, CSV and JSONL reading: happy paths, quoting, BOM, CRLF, and every error naming file:line:value. */
class TextFileReaderTest {
  private static final TextFileReader SENTENCE_LABEL = new TextFileReader("sentence", "label");
  private static final TextFileReader TEXT_LABEL = new TextFileReader("text", "label");

  @TempDir
  Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
  }

  private static List<TextRow> read(TextFileReader reader, Path file) {
    return reader.read(file, Format.AUTO, BadRows.failFast());
  }

  private static DataFileException failure(TextFileReader reader, Path file) {
    return assertThrows(DataFileException.class, () -> read(reader, file));
  }

  @Test
  void readsTheCommittedSst2AndAgNewsSlices() {
    List<TextRow> sst2 = read(SENTENCE_LABEL, TestPaths.testdata().resolve("sst2/train.tsv"));
    assertEquals(4000, sst2.size());
    assertEquals(2, sst2.get(0).line());
    assertEquals("1", sst2.get(0).label());
    assertTrue(sst2.get(0).text().startsWith("that the rich promise"));
    assertEquals(4001, sst2.get(3999).line());

    List<TextRow> agnews = read(TEXT_LABEL, TestPaths.testdata().resolve("agnews/train.tsv"));
    assertEquals(1200, agnews.size());
    // Python's csv module quoted the texts holding quotes: the quotes are undone, doubled ones kept once.
    TextRow quoted = agnews.stream().filter(r -> r.text().contains("\"Kerry doctrine\"")).findFirst().orElseThrow();
    assertTrue(quoted.text().startsWith("AP - President Bush"), quoted.text());
    assertEquals("World", quoted.label());
  }

  @Test
  void csvHonoursRfc4180Quoting() throws IOException {
    Path file = write("quotes.csv", "id,text,label\n"
        + "1,\"a, b and c\",pos\n"
        + "2,\"she said \"\"hi\"\"\",neg\n"
        + "3,\"two\nlines\",pos\n"
        + "4,plain,neg\n");
    List<TextRow> rows = read(TEXT_LABEL, file);
    assertEquals(List.of("a, b and c", "she said \"hi\"", "two\nlines", "plain"),
        rows.stream().map(TextRow::text).toList());
    assertEquals(List.of(2, 3, 4, 6), rows.stream().map(TextRow::line).toList());
    assertEquals(List.of("pos", "neg", "pos", "neg"), rows.stream().map(TextRow::label).toList());
  }

  @Test
  void bomIsStrippedAndCrlfAccepted() throws IOException {
    Path file = write("bom.tsv", "\uFEFFlabel\tsentence\r\n1\tgood film\r\n0\tbad film\r\n");
    List<TextRow> rows = read(SENTENCE_LABEL, file);
    assertEquals(List.of(new TextRow(2, "good film", "1"), new TextRow(3, "bad film", "0")), rows);
  }

  @Test
  void jsonlReadsStringAndNumberLabels() throws IOException {
    Path file = write("rows.jsonl", "\uFEFF{\"text\": \"fine\", \"label\": 1}\r\n\n"
        + "{\"text\": \"caf\u00e9 \u00fcber\", \"label\": \"Sports\", \"extra\": [1]}\n");
    List<TextRow> rows = read(TEXT_LABEL, file);
    assertEquals(List.of(new TextRow(1, "fine", "1"), new TextRow(3, "caf\u00e9 \u00fcber", "Sports")), rows);
  }

  @Test
  void unlabeledReaderNeedsOnlyTheTextColumn() throws IOException {
    Path file = write("transfer.csv", "text\nsome text\nmore text\n");
    List<TextRow> rows = new TextFileReader("text", null).read(file, Format.AUTO, BadRows.failFast());
    assertEquals(List.of(new TextRow(2, "some text", null), new TextRow(3, "more text", null)), rows);
  }

  @Test
  void invalidUtf8NamesFileAndLine() throws IOException {
    Path file = dir.resolve("latin1.tsv");
    Files.write(file, new byte[] {'l', 'a', 'b', 'e', 'l', '\t', 's', 'e', 'n', 't', 'e', 'n', 'c', 'e', '\n',
      '1', '\t', 'o', 'k', '\n', '0', '\t', 'c', 'a', 'f', (byte) 0xE9, '\n'});
    DataFileException e = failure(SENTENCE_LABEL, file);
    assertTrue(e.getMessage().startsWith(file + ":3: "), e.getMessage());
    assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    assertTrue(e.getMessage().contains(":3: column 6: byte 0xE9 (byte offset 25 in the file)"), e.getMessage());
    assertEquals(3, e.line());
  }

  @Test
  void aColumnNamedTwiceIsAnError() throws IOException {
    Path file = write("twice.tsv", "label\tsentence\tsentence\n1\tgood\tbad\n");
    DataFileException e = failure(SENTENCE_LABEL, file);
    assertTrue(e.getMessage().startsWith(file + ":1: the header names the column 'sentence' twice (columns 2 and 3"),
        e.getMessage());
  }

  @Test
  void aTextOverTheLimitIsABadRow() throws IOException {
    String longest = "x".repeat(TextFileReader.MAX_TEXT_CHARS);
    Path file = write("long.tsv", "label\tsentence\n1\t" + longest + "\n0\t" + longest + "y\n");
    DataFileException e = failure(SENTENCE_LABEL, file);
    assertTrue(e.getMessage().startsWith(file + ":3: the text ('sentence') has 100001 characters, more than the"
        + " 100000"), e.getMessage());
    BadRows skipped = BadRows.skipAndCount();
    assertEquals(List.of(2), SENTENCE_LABEL.read(file, Format.AUTO, skipped).stream().map(TextRow::line).toList());
    assertEquals(1, skipped.count(BadRows.Reason.TEXT_TOO_LONG));
  }

  @Test
  void shortRowNamesExpectedAndActualColumnCounts() throws IOException {
    Path file = write("short.tsv", "label\tsentence\n1\tgood\n0\n");
    DataFileException e = failure(SENTENCE_LABEL, file);
    assertTrue(e.getMessage().startsWith(file + ":3: expected 2 columns (label, sentence), got 1: '0'"),
        e.getMessage());
  }

  @Test
  void emptyTextNamesTheLine() throws IOException {
    Path file = write("empty.csv", "text,label\nfine,pos\n\"  \",neg\n");
    DataFileException e = failure(TEXT_LABEL, file);
    assertTrue(e.getMessage().startsWith(file + ":3: the text ('text') is empty: '  '"), e.getMessage());
  }

  @Test
  void missingColumnListsTheHeader() throws IOException {
    Path file = write("columns.tsv", "label\tsentence\n1\tgood\n");
    DataFileException e = failure(TEXT_LABEL, file);
    assertTrue(e.getMessage().startsWith(file + ":1: no column 'text' in the header"), e.getMessage());
    assertTrue(e.getMessage().contains("'label', 'sentence'"), e.getMessage());
  }

  @Test
  void emptyFileAndHeaderOnlyAreErrors() throws IOException {
    Path empty = write("empty.tsv", "");
    DataFileException e = failure(SENTENCE_LABEL, empty);
    assertTrue(e.getMessage().startsWith(empty + ": the file is empty"), e.getMessage());
    assertEquals(0, e.line());

    Path headerOnly = write("header.tsv", "label\tsentence\r\n");
    e = failure(SENTENCE_LABEL, headerOnly);
    assertTrue(e.getMessage().startsWith(headerOnly + ": the file has a header (label, sentence) but no rows"),
        e.getMessage());

    Path emptyJson = write("empty.jsonl", "\n\n");
    e = failure(TEXT_LABEL, emptyJson);
    assertTrue(e.getMessage().startsWith(emptyJson + ": the file is empty"), e.getMessage());
  }

  @Test
  void malformedJsonAndMissingKeysNameTheLine() throws IOException {
    Path broken = write("broken.jsonl", "{\"text\": \"a\", \"label\": 1}\n{\"text\": \"b\", \n");
    DataFileException e = failure(TEXT_LABEL, broken);
    assertTrue(e.getMessage().startsWith(broken + ":2: not valid JSON"), e.getMessage());

    Path missing = write("missing.jsonl", "{\"text\": \"a\", \"label\": 1}\n{\"sentence\": \"b\", \"label\": 0}\n");
    e = failure(TEXT_LABEL, missing);
    assertTrue(e.getMessage().startsWith(missing + ":2: no key 'text' in the object; its keys are [sentence, label]"),
        e.getMessage());
  }

  @Test
  void unclosedQuoteNamesTheLineItStartsOn() throws IOException {
    Path file = write("open.csv", "text,label\n\"never closed,pos\nnext,neg\n");
    DataFileException e = failure(TEXT_LABEL, file);
    assertTrue(e.getMessage().startsWith(file + ":2: a quoted field is not closed"), e.getMessage());
  }

  @Test
  void unknownExtensionAsksForAFormat() throws IOException {
    Path file = write("data.txt", "text,label\na,b\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(TEXT_LABEL, file));
    assertTrue(e.getMessage().contains("data.txt") && e.getMessage().contains(".tsv, .csv or .jsonl"),
        e.getMessage());
    assertEquals(List.of(new TextRow(2, "a", "b")), TEXT_LABEL.read(file, Format.CSV, BadRows.failFast()));
  }

  @Test
  void skipBadRowsCountsEachReasonTheReaderSees() throws IOException {
    Path file = write("mixed.jsonl", "{\"text\": \"good one\", \"label\": \"World\"}\n"
        + "{\"text\": \"broken\",\n"
        + "[1, 2]\n"
        + "{\"sentence\": \"wrong key\", \"label\": \"World\"}\n"
        + "{\"text\": \" \", \"label\": \"Sports\"}\n"
        + "{\"text\": \"no label\", \"label\": \"\"}\n"
        + "{\"text\": \"typo\", \"label\": \"Sprots\"}\n");
    BadRows bad = BadRows.skipAndCount();
    List<TextRow> rows = TEXT_LABEL.read(file, Format.AUTO, bad);
    // Labels are not checked here: that is for whoever knows the label set.
    assertEquals(List.of(new TextRow(1, "good one", "World"), new TextRow(7, "typo", "Sprots")), rows);
    assertEquals(2, bad.count(BadRows.Reason.MALFORMED_JSON));
    assertEquals(2, bad.count(BadRows.Reason.MISSING_VALUE));
    assertEquals(1, bad.count(BadRows.Reason.EMPTY_TEXT));
    assertTrue(bad.firstSeen(BadRows.Reason.MALFORMED_JSON).startsWith(file + ":2: not valid JSON"),
        bad.firstSeen(BadRows.Reason.MALFORMED_JSON));
    assertTrue(bad.firstSeen(BadRows.Reason.MISSING_VALUE).startsWith(file + ":4: no key 'text'"),
        bad.firstSeen(BadRows.Reason.MISSING_VALUE));
    assertEquals("5 rows skipped: 1 empty text, 2 missing value, 2 malformed JSON", bad.toString());

    Path csv = write("comma.csv", "text,label\nfine,pos\nunquoted, comma,neg\n");
    BadRows csvBad = BadRows.skipAndCount();
    assertEquals(List.of(new TextRow(2, "fine", "pos")), TEXT_LABEL.read(csv, Format.AUTO, csvBad));
    assertEquals(1, csvBad.count(BadRows.Reason.COLUMN_COUNT));
    assertTrue(csvBad.firstSeen(BadRows.Reason.COLUMN_COUNT).contains("quote a text that holds commas"),
        csvBad.firstSeen(BadRows.Reason.COLUMN_COUNT));
  }

  @Test
  void skippingEveryRowStillFails() throws IOException {
    Path file = write("allbad.csv", "text,label\n,pos\n\" \",neg\n");
    BadRows bad = BadRows.skipAndCount();
    DataFileException e = assertThrows(DataFileException.class, () -> TEXT_LABEL.read(file, Format.AUTO, bad));
    assertTrue(e.getMessage().contains("no usable rows (2 rows skipped: 2 empty text)"), e.getMessage());
  }

  @Test
  void aFormatWithoutHeaderLinesGetsTheSameColumnAndTextChecks() {
    Path file = Path.of("texts.parquet");
    assertEquals("sentence", new TextFileReader(null, null).textColumnAmong(file, List.of("label", "sentence")));
    DataFileException missing = assertThrows(DataFileException.class,
        () -> new TextFileReader("review", null).textColumnAmong(file, List.of("label", "sentence")));
    assertEquals("texts.parquet: no column 'review' in the header; the header has 2 column(s): 'label', 'sentence';"
        + " set the column name to one of them", missing.getMessage());

    assertTrue(TextFileReader.acceptText(file, 3, "text", "fine", BadRows.failFast()));
    BadRows skipped = BadRows.skipAndCount();
    assertEquals(false, TextFileReader.acceptText(file, 4, "text", " ", skipped));
    assertEquals(1, skipped.count(BadRows.Reason.EMPTY_TEXT));
    DataFileException tooLong = assertThrows(DataFileException.class, () -> TextFileReader.acceptText(file, 5,
        "text", "x".repeat(TextFileReader.MAX_TEXT_CHARS + 1), BadRows.failFast()));
    assertTrue(tooLong.getMessage().startsWith("texts.parquet:5: the text ('text') has 100001 characters"),
        tooLong.getMessage());
  }
}
