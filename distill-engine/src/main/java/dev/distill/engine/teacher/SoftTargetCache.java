package dev.distill.engine.teacher;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Teacher logits kept on disk, so a second build with the same teacher and texts skips the teacher.
 *
 * <p>An entry is one file named by its {@link #key key}: a header, the logits and a SHA-256 of all
 * bytes before it. It is written to a temporary file in the same directory and moved into place
 * atomically, so two processes may fill the cache at once and a reader never sees half a file. An
 * entry whose hash, size or shape does not check out is reported as a warning and computed again:
 * the cache never returns wrong data. Temporary files that a killed build left are swept after an
 * hour.
 */
public final class SoftTargetCache {

    private static final int MAGIC = 0x44535443; // "DSTC"
    private static final int VERSION = 1;
    private static final int HEADER_BYTES = 4 * Integer.BYTES;
    private static final int HASH_BYTES = 32;
    private static final int ANY_ROWS = -1;
    /** A temporary file this old is what a killed build left, not a write in progress. */
    private static final Duration STALE_TEMPORARY = Duration.ofHours(1);

    private final Path directory;
    private final Consumer<String> warnings;

    /**
     * @param directory where entries live; created when missing
     * @param warnings told when an entry is unreadable and is computed again
     */
    public SoftTargetCache(Path directory, Consumer<String> warnings) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /**
     * The key of the logits of a teacher over texts: a SHA-256 of the teacher's fingerprint, its
     * tokenizer's hash, the max length and every text in order.
     */
    public static String key(String teacherFingerprint, String tokenizerSha256, int maxLength, List<String> texts) {
        ContentHash hash = new ContentHash().add("distill soft targets v" + VERSION)
                .add(teacherFingerprint).add(tokenizerSha256).add(maxLength).add(texts.size());
        for (String text : texts) {
            hash.add(text);
        }
        return hash.hex();
    }

    /** The file of an entry. */
    public Path file(String key) {
        return directory.resolve(key + ".logits");
    }

    /**
     * The cached logits for a key, or the computed ones (then stored).
     *
     * @param rows the number of rows the entry must have (one per text)
     * @param compute runs the teacher; called only when there is no good entry
     */
    public float[][] getOrCompute(String key, int rows, Supplier<float[][]> compute) {
        float[][] cached = read(key, rows);
        if (cached != null) {
            return cached;
        }
        float[][] logits = compute.get();
        write(key, logits);
        return logits;
    }

    /** The entry for a key with the given number of rows, or null when it is missing or bad. */
    public float[][] read(String key, int rows) {
        Path file = file(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            warnings.accept("Cannot read soft-target cache entry " + file + " (" + e.getMessage()
                    + "); running the teacher again");
            return null;
        }
        String problem = problem(bytes, rows);
        if (problem != null) {
            warnings.accept("Soft-target cache entry " + file + " is unusable (" + problem
                    + "); running the teacher again and replacing it");
            return null;
        }
        int classes = ByteBuffer.wrap(bytes).getInt(3 * Integer.BYTES);
        FloatBuffer in = ByteBuffer.wrap(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES - HASH_BYTES).asFloatBuffer();
        float[][] logits = new float[rows][classes];
        for (float[] row : logits) {
            in.get(row);
        }
        return logits;
    }

    /**
     * Checks an entry file on its own, whatever its number of rows: its hash, header and size.
     *
     * @return what is wrong with it, or empty when it is sound
     */
    public static Optional<String> defect(Path entry) throws IOException {
        return Optional.ofNullable(problem(Files.readAllBytes(entry), ANY_ROWS));
    }

    /** Stores logits under a key, replacing an entry atomically. */
    public void write(String key, float[][] logits) {
        int classes = logits.length == 0 ? 0 : logits[0].length;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(HEADER_BYTES + logits.length * classes * 4 + HASH_BYTES);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(logits.length);
            out.writeInt(classes);
            for (float[] row : logits) {
                if (row.length != classes) {
                    throw new IllegalArgumentException("logit rows differ in width: " + row.length + " vs " + classes);
                }
                for (float value : row) {
                    out.writeFloat(value);
                }
            }
            out.flush();
            out.write(sha256(bytes.toByteArray(), bytes.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path target = file(key);
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, key + ".", ".tmp");
            try {
                Files.write(temp, bytes.toByteArray());
                moveAtomically(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write soft-target cache entry " + target + ": " + e.getMessage(), e);
        }
        removeStaleTemporaries();
    }

    /**
     * Deletes the temporary files that killed builds left in the cache. Only old ones: a fresh one may
     * be another build's write in progress.
     */
    private void removeStaleTemporaries() {
        Instant cutoff = Instant.now().minus(STALE_TEMPORARY);
        try (Stream<Path> files = Files.list(directory)) {
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
            // Sweeping is housekeeping; the entry itself is written.
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

    private static String problem(byte[] bytes, int rows) {
        if (bytes.length < HEADER_BYTES + HASH_BYTES) {
            return "only " + bytes.length + " bytes";
        }
        int contentLength = bytes.length - HASH_BYTES;
        byte[] stored = Arrays.copyOfRange(bytes, contentLength, bytes.length);
        if (!MessageDigest.isEqual(stored, sha256(bytes, contentLength))) {
            return "its content hash does not match";
        }
        ByteBuffer header = ByteBuffer.wrap(bytes);
        if (header.getInt() != MAGIC || header.getInt() != VERSION) {
            return "not a version " + VERSION + " soft-target file";
        }
        int storedRows = header.getInt();
        int classes = header.getInt();
        if (rows != ANY_ROWS && storedRows != rows) {
            return storedRows + " rows where " + rows + " were expected";
        }
        if ((long) storedRows * classes * Float.BYTES != contentLength - HEADER_BYTES) {
            return "its size does not match " + storedRows + " x " + classes + " logits";
        }
        return null;
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
}
