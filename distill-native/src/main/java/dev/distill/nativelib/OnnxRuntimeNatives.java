package dev.distill.nativelib;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarEntry;

/**
 * Loads ONNX Runtime's native libraries from one folder per ONNX Runtime build under distill's cache.
 *
 * <p>Why: left to itself, ONNX Runtime's Java API unpacks its native library into a new
 * {@code java.io.tmpdir/onnxruntime-java*} folder in every JVM that loads it. A normal exit leaves that folder
 * behind empty, and a killed JVM leaves the 24 MB library in it; a build tool that forks JVMs, a test suite, or
 * a service restarted with {@code kill} fills {@code /tmp} that way. Here the libraries are unpacked once, into
 * {@code ~/.cache/distill/native/onnxruntime-<version>-<platform>-<content id>/} (checked by SHA-256 on every
 * load, see {@link LibraryFolder}), ONNX Runtime is pointed at that folder through its
 * {@value #NATIVE_PATH_PROPERTY} property, and the empty temp folder ONNX Runtime still creates is removed at
 * once.
 *
 * <p>Call {@link #load()} before the first use of any {@code ai.onnxruntime} class; every ONNX Runtime entry
 * point of distill does. What it leaves alone: a JVM where the user set {@value #NATIVE_PATH_PROPERTY}
 * (that folder is used as it is), and a JVM where ONNX Runtime was loaded before. When the cache cannot be
 * written (a read-only home), it warns once and lets ONNX Runtime load its own way.
 *
 * <p>ONNX Runtime is reached by reflection only, so this class adds nothing to a class path.
 */
public final class OnnxRuntimeNatives {
  /** ONNX Runtime's own property: the folder it loads its native libraries from. */
  public static final String NATIVE_PATH_PROPERTY = "onnxruntime.native.path";
  /** The folder that holds distill's unpacked native libraries; default {@code ~/.cache/distill/native}. */
  public static final String DIRECTORY_PROPERTY = "distill.native.directory";

  private static final String ENVIRONMENT_CLASS = "ai.onnxruntime.OrtEnvironment";
  private static final String LOADER_CLASS = "ai.onnxruntime.OnnxRuntime";
  /** The libraries ONNX Runtime's loader looks for in its native folder (core, JNI, execution providers). */
  private static final List<String> LIBRARIES = List.of("onnxruntime", "onnxruntime4j_jni",
      "onnxruntime_providers_shared", "onnxruntime_providers_cuda", "onnxruntime_providers_rocm",
      "onnxruntime_providers_dnnl", "onnxruntime_providers_openvino", "onnxruntime_providers_tensorrt",
      "onnxruntime_providers_qnn");
  private static final List<String> REQUIRED = List.of("onnxruntime", "onnxruntime4j_jni");

  private static Optional<Path> folder;

  private OnnxRuntimeNatives() {}

  /**
   * Makes ONNX Runtime load its native libraries from distill's cache, and loads them. Idempotent and
   * thread-safe; cheap after the first call.
   *
   * @return the folder the libraries were loaded from, or empty when ONNX Runtime loaded them its own way
   *     (the user's {@value #NATIVE_PATH_PROPERTY}, an earlier load, an unwritable cache)
   * @throws IllegalStateException if ONNX Runtime is not on the class path, or its native library cannot be
   *     loaded (the message names the folder)
   */
  public static synchronized Optional<Path> load() {
    if (folder != null) {
      return folder;
    }
    Class<?> environment = ortClass(ENVIRONMENT_CLASS, false);
    Optional<Path> chosen = Optional.empty();
    if (System.getProperty(NATIVE_PATH_PROPERTY) == null && !alreadyLoaded()) {
      chosen = unpack(environment);
      chosen.ifPresent(path -> System.setProperty(NATIVE_PATH_PROPERTY, path.toString()));
    }
    try {
      ortClass(ENVIRONMENT_CLASS, true);
    } catch (LinkageError e) {
      throw new IllegalStateException("ONNX Runtime's native library could not be loaded"
          + chosen.map(path -> " from " + path + " (delete that folder to unpack it again)").orElse("")
          + ": " + e, e);
    }
    removeTempFolder();
    folder = chosen;
    return chosen;
  }

  /** The root folder for unpacked libraries. */
  static Path root() {
    String configured = System.getProperty(DIRECTORY_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".cache", "distill", "native");
  }

  /** ONNX Runtime's name for this platform's resource folder, e.g. {@code linux-x64}. */
  static String platform() {
    String os = System.getProperty("os.name", "generic").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "generic").toLowerCase(Locale.ROOT);
    String osName = os.contains("mac") || os.contains("darwin") ? "osx"
        : os.contains("win") ? "win" : os.contains("nux") ? "linux" : os;
    String archName = arch.startsWith("amd64") || arch.startsWith("x86_64") ? "x64" : arch;
    return osName + "-" + archName;
  }

  private static Optional<Path> unpack(Class<?> environment) {
    String platform = platform();
    List<Resource> resources = new ArrayList<>();
    for (String library : LIBRARIES) {
      String fileName = System.mapLibraryName(library).replace("jnilib", "dylib");
      URL url = environment.getResource("/ai/onnxruntime/native/" + platform + "/" + fileName);
      if (url != null) {
        resources.add(new Resource(fileName, url));
      } else if (REQUIRED.contains(library)) {
        return Optional.empty(); // not bundled for this platform: ONNX Runtime searches java.library.path
      }
    }
    Package ortPackage = environment.getPackage();
    String version = ortPackage == null || ortPackage.getImplementationVersion() == null ? "unknown"
        : ortPackage.getImplementationVersion();
    Path root = root();
    try {
      String name = "onnxruntime-" + version + "-" + platform + "-" + contentId(resources);
      return Optional.of(LibraryFolder.ensure(root, name, List.copyOf(resources)));
    } catch (IOException | RuntimeException e) {
      System.getLogger(OnnxRuntimeNatives.class.getName()).log(System.Logger.Level.WARNING,
          "distill: cannot unpack ONNX Runtime's native libraries into " + root + " (" + e
              + "); ONNX Runtime unpacks them into the temp folder instead. Set -D" + DIRECTORY_PROPERTY
              + " to a writable folder to avoid that.");
      return Optional.empty();
    }
  }

  /** A short id of the libraries' content: the jar entries' CRC-32 and sizes, or the bytes' SHA-256. */
  private static String contentId(List<Resource> resources) throws IOException {
    MessageDigest digest = LibraryFolder.sha256();
    for (Resource resource : resources) {
      digest.update((resource.fileName() + "\n" + resource.fingerprint() + "\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
  }

  private static boolean alreadyLoaded() {
    Object loaded = loaderField("loaded");
    return Boolean.TRUE.equals(loaded);
  }

  /**
   * ONNX Runtime creates {@code java.io.tmpdir/onnxruntime-java*} even when told where its libraries are, and
   * only asks for it to be deleted at exit; a killed JVM would leave it. It is empty here, so delete it now.
   */
  private static void removeTempFolder() {
    if (!(loaderField("tempDirectory") instanceof Path temp)) {
      return;
    }
    try (var children = Files.list(temp)) {
      if (children.findAny().isEmpty()) {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      // It is deleted at exit anyway.
    }
  }

  /** A static field of ONNX Runtime's package-private loader, or null where it cannot be read. */
  private static Object loaderField(String name) {
    try {
      Field field = ortClass(LOADER_CLASS, false).getDeclaredField(name);
      field.setAccessible(true);
      return field.get(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // another ONNX Runtime version or a module that does not open it: nothing to tidy
    }
  }

  private static Class<?> ortClass(String name, boolean initialize) {
    try {
      return Class.forName(name, initialize, OnnxRuntimeNatives.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("ONNX Runtime (com.microsoft.onnxruntime:onnxruntime) is not on the"
          + " class path: " + name + " is missing", e);
    }
  }

  /** A library bundled in the ONNX Runtime jar. */
  private record Resource(String fileName, URL url) implements LibraryFolder.Source {
    @Override
    public InputStream open() throws IOException {
      URLConnection connection = url.openConnection();
      connection.setUseCaches(false);
      return connection.getInputStream();
    }

    /** Size and CRC-32 from the jar's directory (no need to inflate 24 MB), else the content's SHA-256. */
    String fingerprint() throws IOException {
      URLConnection connection = url.openConnection();
      if (connection instanceof JarURLConnection jar) {
        JarEntry entry = jar.getJarEntry();
        if (entry != null && entry.getCrc() != -1) {
          return entry.getSize() + " " + Long.toHexString(entry.getCrc());
        }
      }
      MessageDigest digest = LibraryFolder.sha256();
      try (InputStream in = open()) {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    }
  }
}
