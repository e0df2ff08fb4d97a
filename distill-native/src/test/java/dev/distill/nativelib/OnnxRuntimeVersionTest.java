package dev.distill.nativelib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OrtEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The ONNX Runtime version the suite runs with, written down so that a bump shows up in review.
 *
 * <p>1.29.0 kills the JVM (SIGSEGV) when a session is created in a process with a long command line (see
 * docs/reliability.md, "ONNX Runtime's version"). Before changing this value, run the long-command-line tests
 * (LongCommandLineTest in distill-runtime and distill-engine) on the new version, and the int8 checks.
 */
class OnnxRuntimeVersionTest {
  private static final String PINNED = "1.28.0";

  @Test
  void theSuiteRunsOnThePinnedOnnxRuntime() {
    OnnxRuntimeNatives.load();
    assertEquals(PINNED, OrtEnvironment.getEnvironment().getVersion(),
        "ONNX Runtime's version changed: check docs/reliability.md (\"ONNX Runtime's version\") before bumping it");
  }
}
