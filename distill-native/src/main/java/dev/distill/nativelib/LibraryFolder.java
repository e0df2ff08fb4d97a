package dev.distill.nativelib;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A folder of native libraries unpacked once and shared by every JVM that needs them: {@code <root>/<name>/},
 * holding the libraries and a {@value #MANIFEST} file with the size and SHA-256 of each.
 *
 * <p>The folder is assembled under a hidden staging name in {@code root} and renamed into place in one step, so
 * another JVM sees it complete or not at all; two JVMs that unpack at once both succeed (the second rename
 * loses, and its copy is deleted). Every use checks each library's size and SHA-256 against the manifest; a
 * folder that fails the check (a truncated file, a flipped bit) is moved aside and unpacked again. Staging
 * folders older than {@link #STALE} are what a killed JVM left, and are swept.
 */
final class LibraryFolder {
  /** The file that lists {@code <sha256> <size> <file name>} per library. */
  static final String MANIFEST = "SHA256SUMS";
  /** Age after which a staging or set-aside folder counts as left behind by a killed JVM. */
  static final Duration STALE = Duration.ofHours(1);

  private static final String STAGING_PREFIX = ".staging-";
  private static final String BROKEN_PREFIX = ".broken-";

  /** One library to unpack: its file name and where its bytes come from. */
  interface Source {
    /** @return the file name in the folder, e.g. {@code libonnxruntime.so} */
    String fileName();

    /** @return a fresh stream of the library's bytes */
    InputStream open() throws IOException;
  }

  private LibraryFolder() {}

  /**
   * Returns {@code root/name}, unpacking the libraries into it first unless it is already there and sound.
   *
   * @param root the folder that holds one folder per library build
   * @param name this build's folder name (it must identify the libraries' content)
   * @param sources the libraries
   * @return the folder, holding every library and the manifest
   * @throws IOException if the folder cannot be written
   */
  static Path ensure(Path root, String name, List<Source> sources) throws IOException {
    Files.createDirectories(root);
    sweep(root);
    Path folder = root.resolve(name);
    Optional<String> defect = defect(folder, sources);
    if (defect.isEmpty()) {
      return folder;
    }
    if (Files.exists(folder)) {
      System.getLogger(LibraryFolder.class.getName()).log(System.Logger.Level.WARNING,
          "distill: native library folder " + folder + " is unusable (" + defect.get()
              + "); unpacking it again");
      setAside(root, folder);
    }
    Path staging = Files.createTempDirectory(root, STAGING_PREFIX);
    try {
      unpack(staging, sources);
      try {
        Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("Cannot rename " + staging + " to " + folder + " in one step on this file"
            + " system; point -D" + OnnxRuntimeNatives.DIRECTORY_PROPERTY + " at a local folder", e);
      } catch (IOException e) {
        if (!Files.isDirectory(folder)) {
          throw e;
        }
        // Another JVM unpacked the same libraries first (the rename found a folder there): use it if sound.
      }
    } finally {
      deleteTree(staging);
    }
    Optional<String> after = defect(folder, sources);
    if (after.isPresent()) {
      throw new IOException("The native library folder " + folder + " is unusable after unpacking ("
          + after.get() + "); delete it, or point -D" + OnnxRuntimeNatives.DIRECTORY_PROPERTY
          + " at another folder");
    }
    return folder;
  }

  /**
   * Says what is wrong with a folder, if anything.
   *
   * @return empty when the folder holds every library with the size and SHA-256 its manifest records
   */
  static Optional<String> defect(Path folder, List<Source> sources) throws IOException {
    Path manifest = folder.resolve(MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      return Optional.of(Files.exists(folder) ? "no " + MANIFEST : "not unpacked yet");
    }
    Map<String, String[]> recorded = new LinkedHashMap<>();
    for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
      String[] fields = line.split(" ", 3);
      if (fields.length == 3) {
        recorded.put(fields[2], fields);
      }
    }
    for (Source source : sources) {
      String[] entry = recorded.get(source.fileName());
      Path file = folder.resolve(source.fileName());
      if (entry == null) {
        return Optional.of(MANIFEST + " does not list " + source.fileName());
      }
      if (!Files.isRegularFile(file)) {
        return Optional.of(source.fileName() + " is missing");
      }
      if (Files.size(file) != Long.parseLong(entry[1])) {
        return Optional.of(source.fileName() + " has " + Files.size(file) + " bytes, " + MANIFEST
            + " says " + entry[1]);
      }
      String actual = sha256(file);
      if (!actual.equals(entry[0])) {
        return Optional.of(source.fileName() + " has SHA-256 " + actual + ", " + MANIFEST + " says "
            + entry[0]);
      }
    }
    return Optional.empty();
  }

  private static void unpack(Path staging, List<Source> sources) throws IOException {
    List<String> manifest = new ArrayList<>();
    for (Source source : sources) {
      Path file = staging.resolve(source.fileName());
      MessageDigest digest = sha256();
      try (InputStream in = new DigestInputStream(source.open(), digest);
          OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
        in.transferTo(out);
      }
      force(file);
      manifest.add(HexFormat.of().formatHex(digest.digest()) + " " + Files.size(file) + " "
          + source.fileName());
    }
    Path list = staging.resolve(MANIFEST);
    Files.write(list, manifest, StandardCharsets.UTF_8);
    force(list);
  }

  /** Moves a broken folder out of the way; a library still mapped by another JVM stays valid for it. */
  private static void setAside(Path root, Path folder) throws IOException {
    Path aside = Files.createTempDirectory(root, BROKEN_PREFIX);
    try {
      Files.move(folder, aside.resolve(folder.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.NoSuchFileException e) {
      // Another JVM set it aside first.
    }
    deleteTree(aside);
  }

  /** Deletes staging and set-aside folders that killed JVMs left behind. */
  private static void sweep(Path root) throws IOException {
    Instant cutoff = Instant.now().minus(STALE);
    try (Stream<Path> children = Files.list(root)) {
      for (Path child : (Iterable<Path>) children::iterator) {
        String name = child.getFileName().toString();
        if (!name.startsWith(STAGING_PREFIX) && !name.startsWith(BROKEN_PREFIX)) {
          continue;
        }
        try {
          FileTime modified = Files.getLastModifiedTime(child);
          if (modified.toInstant().isBefore(cutoff)) {
            deleteTree(child);
          }
        } catch (IOException e) {
          // Gone already, or not ours to delete: the sweep is best effort.
        }
      }
    }
  }

  static void deleteTree(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + path, e);
    }
  }

  private static void force(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK has no SHA-256", e);
    }
  }
}
