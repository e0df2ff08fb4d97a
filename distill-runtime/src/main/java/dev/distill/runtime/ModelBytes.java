package dev.distill.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An ONNX model file, either on disk (ONNX Runtime reads it by path, no heap copy) or in memory
 * (a classpath resource).
 *
 * @param location the path or URL, for messages
 * @param path the file, or null when in memory
 * @param bytes the content, or null when on disk
 */
record ModelBytes(String location, Path path, byte[] bytes) {

  static ModelBytes onDisk(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new ModelLoadException("Missing ONNX model: " + path + " does not exist");
    }
    return new ModelBytes(path.toString(), path, null);
  }

  static ModelBytes from(ModelSource source) {
    return source.localPath(ModelFolder.MODEL)
        .filter(Files::isRegularFile)
        .map(path -> new ModelBytes(path.toString(), path, null))
        .orElseGet(() -> new ModelBytes(
            source.describe(ModelFolder.MODEL), null, source.readAll(ModelFolder.MODEL)));
  }

  /** @return the lower-case hex sha256 of the model */
  String sha256() {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
    if (bytes != null) {
      return HexFormat.of().formatHex(digest.digest(bytes));
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(path), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new ModelLoadException("Cannot read " + location + ": " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * @param expected the sha256 recorded in config.json
   * @param configLocation where it was recorded
   * @throws ModelLoadException if the model's sha256 differs
   */
  void verify(String expected, String configLocation) {
    String actual = sha256();
    if (!actual.equals(expected)) {
      throw new ModelLoadException("Checksum mismatch for " + location + ": " + configLocation
          + " (distill.model_sha256) expects sha256 " + expected + " but the file has " + actual
          + ". The model was changed or corrupted after export: rebuild it (distill:compress), or"
          + " load with ClassifierOptions.builder().verifyChecksum(false) to skip the check.");
    }
  }
}
