package dev.distill.runtime.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a file line by line as strict UTF-8: a leading byte-order mark is dropped, LF and CRLF both
 * end a line, and bytes that are not UTF-8 fail with the file and line named (a silently replaced
 * character would become a wrong training text). A file that cannot be read fails with a
 * {@link DataFileException} naming it.
 */
final class Utf8LineReader implements Closeable {

  private static final int BOM_0 = 0xEF;
  private static final int BOM_1 = 0xBB;
  private static final int BOM_2 = 0xBF;

  private final Path file;
  private final InputStream in;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
  private int lineNumber;
  private long offset;
  private boolean first = true;
  private String lineEnding = "";

  Utf8LineReader(Path file) {
    this.file = file;
    try {
      this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    } catch (NoSuchFileException e) {
      throw new DataFileException(file, 0, "the data file does not exist", e);
    } catch (IOException e) {
      throw cannotRead(e);
    }
  }

  /**
   * Reads a stream (standard input, say); errors name it as {@code name}.
   *
   * @param name what to call the stream in messages
   * @param in the stream; closed by {@link #close()}
   */
  Utf8LineReader(Path name, InputStream in) {
    this.file = name;
    this.in = new BufferedInputStream(in, 1 << 16);
  }

  /** Whether a byte can be read without blocking: false at the end, or when a pipe has nothing yet. */
  boolean ready() {
    try {
      return in.available() > 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** The file being read. */
  Path file() {
    return file;
  }

  /** The 1-based number of the line last returned by {@link #readLine()}. */
  int lineNumber() {
    return lineNumber;
  }

  /**
   * The line ending of the line last returned by {@link #readLine()}: {@code "\n"},
   * {@code "\r\n"}, or {@code ""} for a last line without one. A quoted field that spans lines
   * keeps the ending as written.
   */
  String lineEnding() {
    return lineEnding;
  }

  /** The next line without its line ending, or null at the end of the file. */
  String readLine() {
    buffer.reset();
    int b;
    try {
      b = in.read();
      if (b < 0) {
        return null;
      }
      while (b >= 0 && b != '\n') {
        buffer.write(b);
        b = in.read();
      }
    } catch (IOException e) {
      throw cannotRead(e);
    }
    lineNumber++;
    byte[] bytes = buffer.toByteArray();
    long lineStart = offset;
    offset += bytes.length + (b < 0 ? 0 : 1);
    int start = 0;
    if (first) {
      first = false;
      if (bytes.length >= 3 && (bytes[0] & 0xFF) == BOM_0 && (bytes[1] & 0xFF) == BOM_1
          && (bytes[2] & 0xFF) == BOM_2) {
        start = 3;
      }
    }
    int end = bytes.length;
    lineEnding = b < 0 ? "" : "\n";
    if (end > start && bytes[end - 1] == '\r') {
      end--;
      lineEnding = "\r" + lineEnding;
    }
    return decode(bytes, start, end, lineStart);
  }

  /** The line's characters; the first byte that is not UTF-8 fails, named by column and file offset. */
  private String decode(byte[] bytes, int start, int end, long lineStart) {
    ByteBuffer in = ByteBuffer.wrap(bytes, start, end - start);
    CharBuffer out = CharBuffer.allocate(end - start);
    decoder.reset();
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int bad = in.position();
      throw new DataFileException(file, lineNumber, String.format(java.util.Locale.ROOT,
          "column %d: byte 0x%02X (byte offset %d in the file) is not valid UTF-8; the file must be UTF-8:"
              + " save it as UTF-8 (e.g. iconv -f latin1 -t utf-8)",
          out.position() + 1, bytes[bad] & 0xFF, lineStart + bad));
    }
    return out.flip().toString();
  }

  private DataFileException cannotRead(IOException e) {
    return new DataFileException(file, lineNumber, "cannot read the data file: " + e, e);
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw cannotRead(e);
    }
  }
}
