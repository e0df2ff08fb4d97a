package dev.distill.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.distill.nativelib.OnnxRuntimeNatives;

/**
 * How every model of the runtime opens its ONNX Runtime session, whatever it reads: intra-op threads as asked,
 * one inter-op thread, sequential execution, and the graph optimization and execution provider of the options.
 */
final class OrtSessions {

  private OrtSessions() {
  }

  /** The process's environment, its native libraries loaded from distill's cache first. */
  static OrtEnvironment environment() {
    OnnxRuntimeNatives.load();
    return OrtEnvironment.getEnvironment();
  }

  /**
   * @throws IllegalArgumentException if {@code intraOpThreads} is below 1
   * @throws OrtException if ONNX Runtime cannot parse or initialize the model
   */
  static OrtSession open(OrtEnvironment environment, ModelBytes model, int intraOpThreads,
      ClassifierOptions tuning) throws OrtException {
    try (OrtSession.SessionOptions options = options(model, intraOpThreads, tuning)) {
      return model.path() != null
          ? environment.createSession(model.path().toString(), options)
          : environment.createSession(model.bytes(), options);
    }
  }

  /**
   * The options {@link #open} creates a session with (the caller closes them).
   *
   * @throws IllegalArgumentException if {@code intraOpThreads} is below 1
   */
  static OrtSession.SessionOptions options(ModelBytes model, int intraOpThreads,
      ClassifierOptions tuning) throws OrtException {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intraOpThreads must be at least 1, was " + intraOpThreads);
    }
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    try {
      options.setIntraOpNumThreads(intraOpThreads);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setOptimizationLevel(tuning.graphOptimization().ortLevel());
      if (tuning.foldInt8Weights()) {
        WeightFolding.applyTo(options, model);
      }
      tuning.executionProvider().addTo(options, model.location());
      return options;
    } catch (OrtException | RuntimeException e) {
      options.close();
      throw e;
    }
  }

  /** Closes a session being discarded; there is nothing to recover from a failure. */
  static void closeQuietly(OrtSession session) {
    if (session != null) {
      try {
        session.close();
      } catch (OrtException e) {
        // Nothing to recover: the session is being discarded.
      }
    }
  }
}
