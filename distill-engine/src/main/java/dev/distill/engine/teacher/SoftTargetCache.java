package dev.distill.engine.teacher;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Teacher logits kept on disk per text, so that a build runs the teacher only on texts it has not labelled before:
 * adding augmented copies labels only the copies, and changing one training row labels one row.
 *
 * <p>Layout: one folder per teacher ({@link #teacherKey}: its fingerprint, its tokenizer's hash and the max length),
 * holding segment files {@code <content hash>.rows}. A segment is a set of rows, each the SHA-256 of a text and its
 * logits, with a header that names its columns and a SHA-256 of all bytes before it. A build that labels new texts
 * adds one segment; when a folder holds more than {@value #MAX_SEGMENTS}, they are merged into one.
 *
 * <p>Soundness: a segment is written to a temporary file in the folder and renamed into place, so two processes may
 * fill the cache at once and a reader never sees half a segment. A segment whose hash, header or size does not check
 * out is reported as a warning naming it, deleted, and its rows are labelled again: the cache never returns wrong
 * data. Temporary files that a killed build left are swept after an hour.
 *
 * <p>Rows computed outside the build ({@code @Dataset(softTargets)}) are {@linkplain #hold held} in memory for the
 * build: they come before the stored rows and are never written, since their folder is their store.
 */
public final class SoftTargetCache {

    /** The file name ending of a segment. */
    public static final String SEGMENT_SUFFIX = ".rows";
    /** More segments than this in a teacher's folder are merged into one after a write. */
    static final int MAX_SEGMENTS = 8;

    private static final int MAGIC = 0x44535453; // "DSTS"
    private static final int VERSION = 2;
    /** The column of the teacher's logits. */
    public static final String LOGITS = "logits";
    private static final int KEY_BYTES = 32;
    private static final int HASH_BYTES = 32;
    /** A temporary file this old is what a killed build left, not a write in progress. */
    private static final Duration STALE_TEMPORARY = Duration.ofHours(1);

    private final Path directory;
    private final Consumer<String> warnings;
    /** Rows held for this build: teacher key, then column, then text. */
    private final Map<String, Map<String, Map<TextKey, float[]>>> held = new HashMap<>();

    /** What the teacher must compute: the logits of {@code texts}, one row each, in order. */
    @FunctionalInterface
    public interface Labeller {
        /**
         * @param texts the texts the cache does not hold, each once
         * @param indices for each of them, its index in the list given to {@link #getOrCompute}
         * @return their logits
         */
        float[][] logits(List<String> texts, int[] indices);
    }

    /** What the teacher must compute for several columns at once (its logits and, say, its sentence vectors). */
    @FunctionalInterface
    public interface ColumnsLabeller {
        /**
         * @param texts the texts the cache does not hold in every column asked for, each once
         * @param indices for each of them, its index in the list given to {@link #getOrCompute}
         * @return for each column, one row per text
         */
        Map<String, float[][]> rows(List<String> texts, int[] indices);
    }

    /**
     * @param directory where the teachers' folders live; created when missing
     * @param warnings told when a segment is unreadable and its rows are labelled again
     */
    public SoftTargetCache(Path directory, Consumer<String> warnings) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    private SoftTargetCache() {
        this.directory = null;
        this.warnings = line -> { };
    }

    /** A cache that stores nothing on disk: only the rows it {@linkplain #hold holds}, for a build without a cache. */
    public static SoftTargetCache inMemory() {
        return new SoftTargetCache();
    }

    /**
     * Holds rows computed outside the build for this cache's life: {@link #getOrCompute} takes them before the stored
     * rows, and they are not written to disk.
     *
     * @param column e.g. {@value #LOGITS}
     * @param texts the texts, each once
     * @param values one row per text
     */
    public void hold(String teacherKey, String column, List<String> texts, float[][] values) {
        if (values.length != texts.size()) {
            throw new IllegalArgumentException(values.length + " rows of " + column + " for " + texts.size()
                    + " texts");
        }
        Map<TextKey, float[]> rows = held.computeIfAbsent(teacherKey, k -> new HashMap<>())
                .computeIfAbsent(column, c -> new HashMap<>());
        for (int i = 0; i < values.length; i++) {
            rows.put(TextKey.of(texts.get(i)), values[i]);
        }
    }

    /** The key of one teacher's rows: a SHA-256 of its fingerprint, its tokenizer's hash and the max length. */
    public static String teacherKey(String teacherFingerprint, String tokenizerSha256, int maxLength) {
        return new ContentHash().add("distill soft targets v" + VERSION).add(teacherFingerprint).add(tokenizerSha256)
                .add(maxLength).hex();
    }

    /**
     * The key a text's rows are held under, as 64 hex digits: the SHA-256 of its UTF-8 bytes (what {@code sha256sum}
     * prints for them). A labelling job outside the engine (distill-spark) writes it beside each row.
     */
    public static String textSha256(String text) {
        TextKey key = TextKey.of(text);
        return HexFormat.of().formatHex(ByteBuffer.allocate(KEY_BYTES).putLong(key.a()).putLong(key.b())
                .putLong(key.c()).putLong(key.d()).array());
    }

    /** The folder of one teacher's segments. */
    public Path folder(String teacherKey) {
        return directory.resolve(teacherKey);
    }

    /**
     * The logits of every text: the cached rows, and the others labelled by {@code labeller} (each distinct text
     * once) and stored as one new segment.
     *
     * @param teacherKey the teacher's {@link #teacherKey}
     * @param texts the texts, in order
     * @param labeller runs the teacher on the texts the cache does not hold; not called when it holds them all
     * @return one row per text, in order
     */
    public float[][] getOrCompute(String teacherKey, List<String> texts, Labeller labeller) {
        return getOrCompute(teacherKey, List.of(LOGITS), texts,
                (missing, indices) -> Map.of(LOGITS, labeller.logits(missing, indices))).get(LOGITS);
    }

    /**
     * The rows of every text in each column: the cached rows, and the others labelled by {@code labeller} (each
     * distinct text once, those missing from any column) and stored as one new segment per column.
     *
     * @param teacherKey the teacher's {@link #teacherKey}
     * @param columns the columns, e.g. {@value #LOGITS} and {@code pooled}
     * @param texts the texts, in order
     * @param labeller runs the teacher on the texts the cache does not hold; not called when it holds them all
     * @return for each column, one row per text, in order
     */
    public Map<String, float[][]> getOrCompute(String teacherKey, List<String> columns, List<String> texts,
            ColumnsLabeller labeller) {
        Map<String, Map<TextKey, float[]>> cached = new LinkedHashMap<>();
        for (String column : columns) {
            Map<TextKey, float[]> known = read(teacherKey, column);
            known.putAll(held.getOrDefault(teacherKey, Map.of()).getOrDefault(column, Map.of()));
            cached.put(column, known);
        }
        Map<String, float[][]> rows = new LinkedHashMap<>();
        columns.forEach(column -> rows.put(column, new float[texts.size()][]));
        Map<TextKey, List<Integer>> missing = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            TextKey key = TextKey.of(texts.get(i));
            boolean complete = true;
            for (String column : columns) {
                float[] row = cached.get(column).get(key);
                rows.get(column)[i] = row;
                complete &= row != null;
            }
            if (!complete) {
                missing.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        if (missing.isEmpty()) {
            return rows;
        }
        List<String> toLabel = new ArrayList<>(missing.size());
        int[] indices = new int[missing.size()];
        int n = 0;
        for (List<Integer> positions : missing.values()) {
            indices[n++] = positions.get(0);
            toLabel.add(texts.get(positions.get(0)));
        }
        Map<String, float[][]> computed = labeller.rows(toLabel, indices);
        for (String column : columns) {
            float[][] values = computed.get(column);
            if (values == null || values.length != toLabel.size()) {
                throw new IllegalStateException("the teacher gave " + (values == null ? "no" : values.length)
                        + " rows of " + column + " for " + toLabel.size() + " texts");
            }
            n = 0;
            for (List<Integer> positions : missing.values()) {
                for (int position : positions) {
                    rows.get(column)[position] = values[n];
                }
                n++;
            }
            write(teacherKey, column, toLabel, values);
        }
        return rows;
    }

    /** Every sound row of the logits column of a teacher's folder. */
    Map<TextKey, float[]> read(String teacherKey) {
        return read(teacherKey, LOGITS);
    }

    /**
     * Every sound row of one column of a teacher's folder; unusable segments are reported and deleted.
     *
     * @return the rows by text
     */
    Map<TextKey, float[]> read(String teacherKey, String column) {
        Map<TextKey, float[]> rows = new HashMap<>();
        if (directory == null) {
            return rows;
        }
        for (Path segment : segments(folder(teacherKey))) {
            String held = columnOf(segment);
            if (held != null && !held.equals(column)) {
                continue; // another column's segment: not read
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(segment);
            } catch (NoSuchFileException e) {
                continue; // merged into another segment by a concurrent build since the listing
            } catch (IOException e) {
                warnings.accept("Cannot read soft-target cache segment " + segment + " (" + e.getMessage()
                        + "); running the teacher again on its texts");
                continue;
            }
            String problem = problem(bytes);
            if (problem != null) {
                warnings.accept("Soft-target cache segment " + segment + " is unusable (" + problem
                        + "); running the teacher again on its texts and replacing it");
                deleteQuietly(segment);
                continue;
            }
            if (column.equals(column(bytes))) {
                decode(bytes, rows);
            }
        }
        return rows;
    }

    /**
     * Checks a segment file on its own: its hash, header and size.
     *
     * @return what is wrong with it, or empty when it is sound
     */
    public static Optional<String> defect(Path segment) throws IOException {
        return Optional.ofNullable(problem(Files.readAllBytes(segment)));
    }

    /** Stores the logits of texts as one new segment (and merges the folder's segments when there are many). */
    void write(String teacherKey, List<String> texts, float[][] logits) {
        write(teacherKey, LOGITS, texts, logits);
    }

    /** Stores one column's rows of texts as one new segment; merges that column's segments when there are many. */
    void write(String teacherKey, String column, List<String> texts, float[][] values) {
        if (directory == null) {
            return;
        }
        List<TextKey> keys = texts.stream().map(TextKey::of).toList();
        Path folder = folder(teacherKey);
        writeSegment(folder, encode(column, keys, values));
        List<Path> segments = segments(folder).stream().filter(segment -> column.equals(columnOf(segment))).toList();
        if (segments.size() > MAX_SEGMENTS) {
            merge(teacherKey, column, segments);
        }
        removeStaleTemporaries(folder);
    }

    /** Writes every row of the listed segments of a column into one and deletes them. */
    private void merge(String teacherKey, String column, List<Path> segments) {
        Map<TextKey, float[]> rows = read(teacherKey, column);
        List<TextKey> keys = new ArrayList<>(rows.keySet());
        keys.sort(null);
        float[][] values = new float[keys.size()][];
        for (int i = 0; i < keys.size(); i++) {
            values[i] = rows.get(keys.get(i));
        }
        Path merged = writeSegment(folder(teacherKey), encode(column, keys, values));
        for (Path segment : segments) {
            if (!segment.equals(merged)) {
                deleteQuietly(segment);
            }
        }
    }

    /**
     * The column a segment file's header names, read without the rest of the file; null when the header cannot be
     * read (the whole file is then read and checked, and reported if it is broken).
     */
    private static String columnOf(Path segment) {
        try (var in = Files.newInputStream(segment)) {
            byte[] head = in.readNBytes(4 * Integer.BYTES + 2 + 256);
            ByteBuffer header = ByteBuffer.wrap(head);
            if (head.length < 4 * Integer.BYTES + 2 || header.getInt() != MAGIC || header.getInt() != VERSION) {
                return null;
            }
            int length = Short.toUnsignedInt(header.getShort(4 * Integer.BYTES));
            return head.length >= 4 * Integer.BYTES + 2 + length
                    ? new String(head, 4 * Integer.BYTES + 2, length, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The column of a sound segment's bytes. */
    private static String column(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.position(4 * Integer.BYTES);
        return readUtf(in);
    }

    private static List<Path> segments(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SEGMENT_SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the soft-target cache folder " + folder + ": " + e, e);
        }
    }

    private static byte[] encode(String column, List<TextKey> keys, float[][] logits) {
        int classes = logits.length == 0 ? 0 : logits[0].length;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + keys.size() * (KEY_BYTES + 4 * classes));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(keys.size());
            out.writeInt(1); // one column a segment: the logits, or another teacher signal
            out.writeUTF(column);
            out.writeInt(classes);
            for (int i = 0; i < keys.size(); i++) {
                if (logits[i].length != classes) {
                    throw new IllegalArgumentException(column + " rows differ in width: " + logits[i].length + " vs "
                            + classes);
                }
                keys.get(i).writeTo(out);
                for (float value : logits[i]) {
                    out.writeFloat(value);
                }
            }
            out.flush();
            out.write(sha256(bytes.toByteArray(), bytes.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void decode(byte[] bytes, Map<TextKey, float[]> into) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.position(2 * Integer.BYTES);
        int rows = in.getInt();
        in.getInt();
        skipUtf(in);
        int classes = in.getInt();
        for (int r = 0; r < rows; r++) {
            TextKey key = TextKey.readFrom(in);
            float[] row = new float[classes];
            for (int c = 0; c < classes; c++) {
                row[c] = in.getFloat();
            }
            into.putIfAbsent(key, row);
        }
    }

    /** Writes a segment named by its content hash; returns its path. */
    private static Path writeSegment(Path folder, byte[] bytes) {
        String name = HexFormat.of().formatHex(bytes, bytes.length - HASH_BYTES, bytes.length - HASH_BYTES / 2);
        Path target = folder.resolve(name + SEGMENT_SUFFIX);
        try {
            Files.createDirectories(folder);
            Path temp = Files.createTempFile(folder, name + ".", ".tmp");
            try {
                Files.write(temp, bytes);
                moveAtomically(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write soft-target cache segment " + target + ": " + e.getMessage(),
                    e);
        }
        return target;
    }

    /**
     * Deletes the temporary files that killed builds left in the cache. Only old ones: a fresh one may be another
     * build's write in progress.
     */
    private static void removeStaleTemporaries(Path folder) {
        Instant cutoff = Instant.now().minus(STALE_TEMPORARY);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList()) {
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                        Files.deleteIfExists(file);
                    }
                } catch (IOException e) {
                    // Gone already (another build swept it), or not ours to delete: either way, harmless.
                }
            }
        } catch (IOException e) {
            // Sweeping is housekeeping; the segment itself is written.
        }
    }

    private static void moveAtomically(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target.getParent()
                    + " cannot move files atomically; put the cache on a local disk", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Its rows are written again elsewhere; a later build retries the delete.
        }
    }

    private static String problem(byte[] bytes) {
        if (bytes.length < 6 * Integer.BYTES + HASH_BYTES) {
            return "only " + bytes.length + " bytes";
        }
        int contentLength = bytes.length - HASH_BYTES;
        byte[] stored = Arrays.copyOfRange(bytes, contentLength, bytes.length);
        if (!MessageDigest.isEqual(stored, sha256(bytes, contentLength))) {
            return "its content hash does not match";
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, 0, contentLength);
        if (header.getInt() != MAGIC || header.getInt() != VERSION) {
            return "not a version " + VERSION + " soft-target segment";
        }
        int rows = header.getInt();
        int columns = header.getInt();
        if (columns != 1) {
            return columns + " columns where 1 was expected";
        }
        String column = readUtf(header);
        int classes = header.getInt();
        if (column.isEmpty() || rows < 0 || classes < 0) {
            return "a header that describes no column";
        }
        if ((long) rows * (KEY_BYTES + (long) classes * Float.BYTES) != header.remaining()) {
            return "its size does not match " + rows + " rows of " + classes + " " + column;
        }
        return null;
    }

    private static String readUtf(ByteBuffer in) {
        int length = Short.toUnsignedInt(in.getShort());
        byte[] utf = new byte[length];
        in.get(utf);
        return new String(utf, StandardCharsets.UTF_8);
    }

    private static void skipUtf(ByteBuffer in) {
        int length = Short.toUnsignedInt(in.getShort());
        in.position(in.position() + length);
    }

    private static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, 0, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The SHA-256 of a text's UTF-8 bytes, as four longs (cheap to hash and compare). */
    record TextKey(long a, long b, long c, long d) implements Comparable<TextKey> {
        static TextKey of(String text) {
            try {
                ByteBuffer hash = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256")
                        .digest(text.getBytes(StandardCharsets.UTF_8)));
                return new TextKey(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
        }

        static TextKey readFrom(ByteBuffer in) {
            return new TextKey(in.getLong(), in.getLong(), in.getLong(), in.getLong());
        }

        void writeTo(DataOutputStream out) throws IOException {
            out.writeLong(a);
            out.writeLong(b);
            out.writeLong(c);
            out.writeLong(d);
        }

        @Override
        public int compareTo(TextKey other) {
            int order = Long.compareUnsigned(a, other.a);
            order = order != 0 ? order : Long.compareUnsigned(b, other.b);
            order = order != 0 ? order : Long.compareUnsigned(c, other.c);
            return order != 0 ? order : Long.compareUnsigned(d, other.d);
        }
    }
}
