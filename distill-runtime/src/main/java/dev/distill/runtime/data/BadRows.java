package dev.distill.runtime.data;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What happens to a bad row: by default it fails the read with a {@link DataFileException}; with
 * {@code skipBadRows} it is skipped and counted per reason, so a caller can report the counts and
 * the first place each reason was seen. Not thread-safe: one instance per read.
 */
public final class BadRows {

  /** Why a row was rejected. */
  public enum Reason {
    /** The row has fewer or more columns than the header. */
    COLUMN_COUNT("wrong column count"),
    /** The text is empty or blank. */
    EMPTY_TEXT("empty text"),
    /** A labelled file's label is empty, or a JSON object lacks a key. */
    MISSING_VALUE("missing value"),
    /** The label is not one of the known labels (a teacher's or a model's). */
    UNKNOWN_LABEL("unknown label"),
    /** A JSONL line is not a JSON object. */
    MALFORMED_JSON("malformed JSON"),
    /** The text is longer than {@link TextFileReader#MAX_TEXT_CHARS}. */
    TEXT_TOO_LONG("text too long");

    private final String description;

    Reason(String description) {
      this.description = description;
    }

    /** A short human-readable name. */
    public String description() {
      return description;
    }
  }

  private final boolean skip;
  private final String skipAdvice;
  private final Map<Reason, Integer> counts = new EnumMap<>(Reason.class);
  private final Map<Reason, String> firstSeen = new EnumMap<>(Reason.class);

  /** @param skip whether bad rows are skipped and counted (true) or fail the read (false) */
  public BadRows(boolean skip) {
    this(skip, "");
  }

  /**
   * @param skip whether bad rows are skipped and counted (true) or fail the read (false)
   * @param skipAdvice how the caller's user turns skipping on, e.g. {@code "set data.skipBadRows = true"}; it ends
   *     the message of a row that fails the read, or is empty
   */
  public BadRows(boolean skip, String skipAdvice) {
    this.skip = skip;
    this.skipAdvice = skipAdvice;
  }

  /** Bad rows fail the read. */
  public static BadRows failFast() {
    return new BadRows(false);
  }

  /** Bad rows are skipped and counted. */
  public static BadRows skipAndCount() {
    return new BadRows(true);
  }

  /** Whether bad rows are skipped. */
  public boolean skips() {
    return skip;
  }

  /**
   * Rejects one row: throws unless rows are skipped, in which case the row is counted.
   *
   * @throws DataFileException when bad rows are not skipped
   */
  public void reject(Path file, int line, Reason reason, String problem) {
    DataFileException error = new DataFileException(file, line, problem);
    if (!skip) {
      throw skipAdvice.isEmpty() ? error
          : new DataFileException(file, line, problem + "; or, to skip such rows, " + skipAdvice);
    }
    counts.merge(reason, 1, Integer::sum);
    firstSeen.putIfAbsent(reason, error.getMessage());
  }

  /** Number of rows skipped for a reason. */
  public int count(Reason reason) {
    return counts.getOrDefault(reason, 0);
  }

  /** Number of rows skipped for any reason. */
  public int total() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Skipped rows per reason (only reasons seen). */
  public Map<Reason, Integer> counts() {
    return Collections.unmodifiableMap(counts);
  }

  /** The message of the first row skipped for a reason, or null. */
  public String firstSeen(Reason reason) {
    return firstSeen.get(reason);
  }

  /** For example {@code "3 rows skipped: 2 empty text, 1 unknown label"}. */
  @Override
  public String toString() {
    if (counts.isEmpty()) {
      return "no rows skipped";
    }
    StringJoiner parts = new StringJoiner(", ", total() + " rows skipped: ", "");
    counts.forEach((reason, n) -> parts.add(n + " " + reason.description()));
    return parts.toString();
  }
}
