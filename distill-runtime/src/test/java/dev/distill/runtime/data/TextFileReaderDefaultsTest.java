package dev.distill.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.runtime.testing.TestPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's way of reading: the text column guessed when none is named, the label column
 * {@value TextFileReader#DEFAULT_LABEL_COLUMN}, and every error naming file:line and the value.
 */
class TextFileReaderDefaultsTest {
  private static final TextFileReader GUESSING =
      new TextFileReader(null, TextFileReader.DEFAULT_LABEL_COLUMN);

  @TempDir Path temp;

  @Test
  void readsTheCommittedSlicesWhateverTheirColumnOrder() {
    List<TextRow> sst2 = GUESSING.read(TestPaths.testdata().resolve("sst2/dev.tsv"));
    assertEquals(872, sst2.size());
    assertTrue(sst2.stream().allMatch(r -> r.label().equals("0") || r.label().equals("1")));
    List<TextRow> agnews = GUESSING.read(TestPaths.testdata().resolve("agnews/dev.tsv"));
    assertEquals(300, agnews.size());
    assertTrue(agnews.stream().allMatch(r -> List.of("World", "Sports", "Business", "Sci/Tech")
        .contains(r.label())), "AG News labels are names");
    assertTrue(agnews.stream().noneMatch(r -> r.text().startsWith("\"")),
        "Python's csv module quoted some AG News texts; the quotes are undone");
    assertEquals(2, sst2.get(0).line());
  }

  @Test
  void csvFollowsRfc4180WithBomAndCrlf() throws IOException {
    Path file = temp.resolve("data.csv");
    String csv = "\uFEFFlabel,text\r\n"
        + "pos,\"quoted, with comma\"\r\n"
        + "neg,\"she said \"\"no\"\"\"\r\n"
        + "\r\n"
        + "pos,\"two\r\nlines\"\r\n"
        + "neg,plain\r\n";
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    List<TextRow> rows = GUESSING.read(file);
    assertEquals(List.of("quoted, with comma", "she said \"no\"", "two\r\nlines", "plain"),
        rows.stream().map(TextRow::text).toList());
    assertEquals(List.of("pos", "neg", "pos", "neg"), rows.stream().map(TextRow::label).toList());
    assertEquals(List.of(2, 3, 5, 7), rows.stream().map(TextRow::line).toList());
  }

  @Test
  void jsonLinesAcceptNumericLabels() throws IOException {
    Path file = temp.resolve("data.jsonl");
    Files.writeString(file, "{\"text\": \"good\", \"label\": 1}\n\n{\"text\": \"bad\", \"label\": \"0\"}\n"
        + "{\"text\": \"fine\", \"label\": 1.0}\n");
    List<TextRow> rows = GUESSING.read(file);
    assertEquals(List.of("1", "0", "1"), rows.stream().map(TextRow::label).toList());
    assertEquals(List.of(1, 3, 4), rows.stream().map(TextRow::line).toList());
    assertEquals(List.of("good", "bad", "fine"),
        new TextFileReader("text", null).read(file).stream().map(TextRow::text).toList());
  }

  @Test
  void errorsNameTheFileLineAndValue() throws IOException {
    Path shortRow = temp.resolve("short.tsv");
    Files.writeString(shortRow, "label\tsentence\n1\tfine\n0\n");
    DataFileException e = assertThrows(DataFileException.class, () -> GUESSING.read(shortRow));
    assertMentions(e, shortRow + ":3", "got 1", "(label, sentence)");

    Path noColumn = temp.resolve("nocolumn.tsv");
    Files.writeString(noColumn, "label\tsentence\n1\tfine\n");
    e = assertThrows(DataFileException.class, () -> new TextFileReader("body", null).read(noColumn));
    assertMentions(e, noColumn + ":1", "'body'", "'label', 'sentence'");

    Path noGuess = temp.resolve("noguess.csv");
    Files.writeString(noGuess, "body,label\nfine,1\n");
    e = assertThrows(DataFileException.class, () -> GUESSING.read(noGuess));
    assertMentions(e, noGuess + ":1", "'body', 'label'", "'text', 'sentence'");

    Path badJson = temp.resolve("bad.jsonl");
    Files.writeString(badJson, "{\"text\": \"a\", \"label\": 1}\n{\"text\": \"b\"}\n");
    e = assertThrows(DataFileException.class, () -> GUESSING.read(badJson));
    assertMentions(e, badJson + ":2", "'label'");

    Path open = temp.resolve("open.csv");
    Files.writeString(open, "text,label\n\"never closed,1\n");
    e = assertThrows(DataFileException.class, () -> GUESSING.read(open));
    assertMentions(e, open + ":2", "not closed");

    Path missing = temp.resolve("missing.tsv");
    e = assertThrows(DataFileException.class, () -> GUESSING.read(missing));
    assertMentions(e, missing.toString(), "does not exist");

    Path unknown = temp.resolve("data.xlsx");
    IllegalArgumentException format = assertThrows(IllegalArgumentException.class,
        () -> GUESSING.read(unknown));
    assertMentions(format, unknown.toString(), ".tsv");
  }

  private static void assertMentions(Throwable e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
    }
  }
}
