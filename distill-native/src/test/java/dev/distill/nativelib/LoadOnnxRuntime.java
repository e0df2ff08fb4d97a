package dev.distill.nativelib;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A child JVM for the tests: loads ONNX Runtime through {@link OnnxRuntimeNatives}, prints
 * {@code loaded <folder> <version>}, and with {@code --wait} blocks on standard input until it ends (so the
 * test can kill it while ONNX Runtime is loaded).
 */
public final class LoadOnnxRuntime {
  private LoadOnnxRuntime() {}

  public static void main(String[] args) throws IOException {
    String folder = OnnxRuntimeNatives.load().map(Path::toString).orElse("-");
    System.out.println("loaded " + folder + " " + OrtEnvironment.getEnvironment().getVersion());
    System.out.flush();
    if (args.length > 0 && args[0].equals("--wait")) {
      System.in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }
}
