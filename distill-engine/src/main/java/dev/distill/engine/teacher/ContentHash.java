package dev.distill.engine.teacher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 over a sequence of values. Every value is prefixed with its length, so that different
 * sequences never hash alike (("ab", "c") differs from ("a", "bc")).
 */
public final class ContentHash {

    private final MessageDigest digest;

    /** An empty hash. */
    public ContentHash() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The hex SHA-256 of a file's bytes. */
    public static String ofFile(Path file) {
        return new ContentHash().addFile(file).hex();
    }

    /**
     * The plain hex SHA-256 of {@code bytes}, without a length prefix: what {@code sha256sum} prints,
     * and what the runtime checks against config.json's {@code model_sha256}.
     */
    public static String sha256(byte[] bytes) {
        ContentHash hash = new ContentHash();
        hash.digest.update(bytes);
        return hash.hex();
    }

    /** Adds a string as UTF-8. */
    public ContentHash add(String value) {
        return add(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds bytes. */
    public ContentHash add(byte[] value) {
        add((long) value.length);
        digest.update(value);
        return this;
    }

    /** Adds a number. */
    public ContentHash add(long value) {
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
        return this;
    }

    /** Adds a file's contents. */
    public ContentHash addFile(Path file) {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            add(Files.size(file));
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " to hash it: " + e.getMessage(), e);
        }
        return this;
    }

    /** The hash as 64 lowercase hex digits; the hash cannot be used after this. */
    public String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
