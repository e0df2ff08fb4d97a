package dev.distill.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where ONNX Runtime runs a model. Set with {@link ClassifierOptions.Builder#executionProvider};
 * a provider that the ONNX Runtime on the class path lacks fails the load with a
 * {@link ModelLoadException} that says so (the {@code com.microsoft.onnxruntime:onnxruntime}
 * artifact has only the CPU; {@code onnxruntime_gpu} adds CUDA).
 */
public enum ExecutionProvider {
  /** ONNX Runtime's own CPU provider, always there; the default. */
  CPU(OrtProvider.CPU),
  /**
   * NVIDIA GPUs through CUDA, on device 0; nodes CUDA cannot run fall back to the CPU. Needs the
   * {@code onnxruntime_gpu} artifact and a CUDA installation that matches it.
   */
  CUDA(OrtProvider.CUDA);

  private final OrtProvider provider;

  ExecutionProvider(OrtProvider provider) {
    this.provider = provider;
  }

  /**
   * Adds this provider to a session's options. The CPU needs nothing: ONNX Runtime always has it.
   *
   * @param options the session options being built
   * @param location the model, for the message
   * @throws ModelLoadException if ONNX Runtime lacks this provider or cannot start it
   */
  void addTo(SessionOptions options, String location) {
    if (this == CPU) {
      return;
    }
    if (!OrtEnvironment.getAvailableProviders().contains(provider)) {
      throw unavailable(location, "this ONNX Runtime build has no " + name() + " provider");
    }
    try {
      options.addCUDA();
    } catch (OrtException e) {
      throw unavailable(location, "ONNX Runtime could not start it: " + e.getMessage());
    }
  }

  private ModelLoadException unavailable(String location, String why) {
    return new ModelLoadException("Cannot run " + location + " on ExecutionProvider." + name()
        + ": " + why + " (providers available: " + OrtEnvironment.getAvailableProviders()
        + "). Put com.microsoft.onnxruntime:onnxruntime_gpu on the class path instead of"
        + " onnxruntime, on a machine with CUDA, or use ExecutionProvider.CPU (the default).");
  }

  /**
   * Reads a provider by name, as a setting or command line gives it.
   *
   * @param name {@code cpu} or {@code cuda}, in any case
   * @return the provider
   * @throws IllegalArgumentException naming the value and the providers there are
   */
  public static ExecutionProvider parse(String name) {
    for (ExecutionProvider value : values()) {
      if (name != null && value.name().equalsIgnoreCase(name.trim())) {
        return value;
      }
    }
    throw new IllegalArgumentException("Unknown execution provider '" + name + "': use one of "
        + Arrays.toString(values()).toLowerCase(Locale.ROOT) + " (default cpu)");
  }
}
