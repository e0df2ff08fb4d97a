package dev.distill.runtime.data;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Texts to classify, read lazily from a file or a stream (standard input): one text per line, or JSONL (one
 * JSON object per line with the text under a key, or one JSON string per line). Blank lines are skipped. Lines
 * are strict UTF-8, as in {@link TextFileReader}; a bad line fails with a {@link DataFileException} naming the
 * input and the line.
 *
 * <p>{@link #next(int)} returns what is ready, so that texts piped in one at a time are answered one at a
 * time, while a file is read in full chunks.
 */
public final class TextLines implements Closeable {
  /** How each line holds its text. */
  public enum Format {
    /** The whole line is the text. */
    LINES,
    /** The line is a JSON object (the text under a key) or a JSON string. */
    JSONL;

    /**
     * The format a file's name implies: JSONL for {@code .jsonl}, otherwise one text per line.
     *
     * @param file the input file
     * @return the format
     */
    public static Format of(Path file) {
      return file.getFileName() != null
          && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl") ? JSONL : LINES;
    }
  }

  private static final TypeAdapter<JsonElement> ELEMENTS = new Gson().getAdapter(JsonElement.class);

  private final Utf8LineReader lines;
  private final Format format;
  private final String textKey;
  private String guessedKey;

  private TextLines(Utf8LineReader lines, Format format, String textKey) {
    this.lines = lines;
    this.format = format;
    this.textKey = textKey;
  }

  /**
   * Reads a file.
   *
   * @param file the file
   * @param format how its lines hold the texts
   * @param textKey the JSONL key of the text, or null for the first of {@link TextFileReader#TEXT_COLUMN_GUESSES}
   * @return the reader
   * @throws DataFileException if the file does not exist or cannot be read
   */
  public static TextLines of(Path file, Format format, String textKey) {
    return new TextLines(new Utf8LineReader(file), format, textKey);
  }

  /**
   * Reads a stream.
   *
   * @param name what to call the stream in messages, e.g. {@code <stdin>}
   * @param in the stream, closed by {@link #close()}
   * @param format how its lines hold the texts
   * @param textKey the JSONL key of the text, or null to guess
   * @return the reader
   */
  public static TextLines of(String name, InputStream in, Format format, String textKey) {
    return new TextLines(new Utf8LineReader(Path.of(name), in), format, textKey);
  }

  /**
   * The next texts: at least one unless the input has ended, at most {@code max}, and no more than can be read
   * without waiting once one has been read.
   *
   * @param max the most texts to return, at least 1
   * @return the texts; empty at the end of the input
   * @throws DataFileException naming the line that is not UTF-8, not JSON, or has no text
   */
  public List<String> next(int max) {
    List<String> texts = new ArrayList<>();
    while (texts.size() < max && (texts.isEmpty() || lines.ready())) {
      String line = lines.readLine();
      if (line == null) {
        break;
      }
      if (line.isBlank()) {
        continue;
      }
      String text = format == Format.LINES ? line : jsonText(line);
      if (text.length() > TextFileReader.MAX_TEXT_CHARS) {
        throw new DataFileException(lines.file(), lines.lineNumber(), "the text has " + text.length()
            + " characters, more than the limit of " + TextFileReader.MAX_TEXT_CHARS + "; split it");
      }
      texts.add(text);
    }
    return texts;
  }

  private String jsonText(String line) {
    JsonElement element;
    try (JsonReader reader = new JsonReader(new StringReader(line))) {
      // Strict, unlike JsonParser.parseString: {"text": oops} is a mistake, not the text "oops".
      element = ELEMENTS.read(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new JsonParseException("more after the first value");
      }
    } catch (IOException | RuntimeException e) {
      throw bad("not valid JSON (" + e.getMessage() + "): " + DataFileException.quote(line));
    }
    if (element.isJsonPrimitive() && element.getAsJsonPrimitive().isString()) {
      return element.getAsString();
    }
    if (!element.isJsonObject()) {
      throw bad("expected a JSON object or string, got " + DataFileException.quote(line));
    }
    JsonObject object = element.getAsJsonObject();
    String key = textKey != null ? textKey : guessKey(object);
    JsonElement value = object.get(key);
    if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw bad("no text under the key '" + key + "' (keys: " + object.keySet() + ")"
          + (textKey == null ? "; name the key with --text-column" : ""));
    }
    return value.getAsString();
  }

  private String guessKey(JsonObject object) {
    if (guessedKey == null) {
      guessedKey = TextFileReader.TEXT_COLUMN_GUESSES.stream().filter(object::has).findFirst()
          .orElseThrow(() -> bad("none of the keys " + TextFileReader.TEXT_COLUMN_GUESSES
              + " is in the object (keys: " + object.keySet() + "); name the key with --text-column"));
    }
    return guessedKey;
  }

  private DataFileException bad(String problem) {
    return new DataFileException(lines.file(), lines.lineNumber(), problem);
  }

  @Override
  public void close() {
    lines.close();
  }
}
