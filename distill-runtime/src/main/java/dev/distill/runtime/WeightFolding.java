package dev.distill.runtime;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * Folds a weight-only int8 model's weights into floats once, when ONNX Runtime loads it. Such a
 * model (distill's image and transformer students at {@code quantization = INT8}) dequantizes
 * constant weights ({@code DequantizeLinear}) and has no other quantization: it quantizes no
 * activation and computes nothing in integers (a model that does, such as langchain4j's int8
 * encoders, keeps ONNX Runtime's default handling and its numbers). ONNX Runtime's constant folding leaves {@code DequantizeLinear} alone
 * while its QDQ handling is on, keeping it for fusions such a graph has nothing for: each call then
 * dequantizes every weight again, the float Conv or MatMul after it gets no prepacked weights (an
 * image student ran at 0.4-0.6x its float model), and the answers moved from the graph's own by up
 * to 0.02 in a logit. With QDQ handling off for that model, the weights are folded at load: the
 * float model's speed and the graph's own answers, at the float weights' memory. Every session of
 * the runtime and the engine's checks go through here, so what a build measures is what an
 * application runs.
 */
public final class WeightFolding {

  /** ONNX Runtime's session option {@code kOrtSessionOptionsDisableQuantQDQ}. */
  public static final String DISABLE_QDQ = "session.disable_quant_qdq";

  private WeightFolding() {
  }

  /**
   * Sets {@code options} to fold the weights when {@code model} dequantizes weights only.
   *
   * @param model the model's serialized bytes
   * @return whether the model is weight-only int8 (and the options were set)
   * @throws OrtException if ONNX Runtime refuses the option
   */
  public static boolean applyTo(OrtSession.SessionOptions options, byte[] model) throws OrtException {
    return applyTo(options, new ModelBytes("model", null, model));
  }

  static boolean applyTo(OrtSession.SessionOptions options, ModelBytes model) throws OrtException {
    if (!GraphOps.of(model).dequantizesWeightsOnly()) {
      return false;
    }
    options.addConfigEntry(DISABLE_QDQ, "1");
    return true;
  }
}
