package dev.distill.nativelib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unpacking into the shared folder: once, checked by hash, atomic, safe with concurrent JVMs. */
class LibraryFolderTest {
  @TempDir Path root;

  private static LibraryFolder.Source source(String name, byte[] bytes) {
    return new LibraryFolder.Source() {
      @Override
      public String fileName() {
        return name;
      }

      @Override
      public InputStream open() {
        return new ByteArrayInputStream(bytes);
      }
    };
  }

  private static byte[] bytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private final byte[] core = bytes(300_000, 1);
  private final byte[] jni = bytes(5_000, 2);
  private final List<LibraryFolder.Source> sources =
      List.of(source("libcore.so", core), source("libjni.so", jni));

  private List<String> children() throws IOException {
    try (Stream<Path> list = Files.list(root)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void unpacksOnceAndReusesTheFolder() throws IOException {
    Path folder = LibraryFolder.ensure(root, "lib-1", sources);
    assertArrayEquals(core, Files.readAllBytes(folder.resolve("libcore.so")));
    assertArrayEquals(jni, Files.readAllBytes(folder.resolve("libjni.so")));
    assertTrue(Files.isRegularFile(folder.resolve(LibraryFolder.MANIFEST)));
    FileTime written = Files.getLastModifiedTime(folder.resolve("libcore.so"));
    Files.setLastModifiedTime(folder.resolve("libcore.so"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

    Path again = LibraryFolder.ensure(root, "lib-1", sources);
    assertEquals(folder, again);
    assertEquals(Instant.parse("2020-01-01T00:00:00Z"),
        Files.getLastModifiedTime(again.resolve("libcore.so")).toInstant(), "the library was written again");
    assertEquals(List.of("lib-1"), children(), "nothing but the folder is left in the root");
    assertFalse(written.toInstant().isAfter(Instant.now()));
  }

  @Test
  void aCorruptedLibraryIsDetectedAndUnpackedAgain() throws IOException {
    Path folder = LibraryFolder.ensure(root, "lib-1", sources);
    byte[] flipped = core.clone();
    flipped[12_345] ^= 0x10;
    Files.write(folder.resolve("libcore.so"), flipped);
    assertTrue(LibraryFolder.defect(folder, sources).orElseThrow().contains("SHA-256"));

    LibraryFolder.ensure(root, "lib-1", sources);
    assertArrayEquals(core, Files.readAllBytes(folder.resolve("libcore.so")));
    assertTrue(LibraryFolder.defect(folder, sources).isEmpty());
    assertEquals(List.of("lib-1"), children());
  }

  @Test
  void aTruncatedLibraryOrAMissingManifestIsDetected() throws IOException {
    Path folder = LibraryFolder.ensure(root, "lib-1", sources);
    Files.write(folder.resolve("libjni.so"), new byte[10]);
    assertTrue(LibraryFolder.defect(folder, sources).orElseThrow().contains("has 10 bytes"));
    Files.delete(folder.resolve(LibraryFolder.MANIFEST));
    assertTrue(LibraryFolder.defect(folder, sources).orElseThrow().contains("no " + LibraryFolder.MANIFEST));
    LibraryFolder.ensure(root, "lib-1", sources);
    assertTrue(LibraryFolder.defect(folder, sources).isEmpty());
  }

  @Test
  void concurrentUnpackersAllGetASoundFolder() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Path>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Callable<Path> task = () -> LibraryFolder.ensure(root, "lib-1", sources);
        results.add(pool.submit(task));
      }
      for (Future<Path> result : results) {
        Path folder = result.get();
        assertTrue(LibraryFolder.defect(folder, sources).isEmpty());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(List.of("lib-1"), children(), "no staging folder is left behind");
  }

  @Test
  void staleStagingFoldersOfKilledJvmsAreSwept() throws IOException {
    Path stale = Files.createDirectory(root.resolve(".staging-123"));
    Files.write(stale.resolve("libcore.so"), core);
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(LibraryFolder.STALE).minusSeconds(60)));
    Path fresh = Files.createDirectory(root.resolve(".staging-456")); // a JVM unpacking right now
    LibraryFolder.ensure(root, "lib-1", sources);
    assertFalse(Files.exists(stale));
    assertTrue(Files.exists(fresh));
  }
}
