package dev.distill.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.distill.contract.InputKind;
import java.util.Map;
import java.util.Set;

/**
 * A batch of model inputs, encoded and ready for ONNX Runtime: it builds the named input tensors of
 * its {@link #kind()} that a graph declares. {@link OnnxTextModel}'s session code feeds whatever a
 * batch builds, so it knows no input names; {@link EncodedBatch} is tokenized text and
 * {@link FeatureBatch} tabular rows (fed by {@link OnnxTabularModel}); an image batch would build its
 * float tensor the same way (docs/design.md, "Inputs").
 */
public interface InputBatch {

  /** @return what the batch holds; a model serves only batches of the kind it was loaded for */
  InputKind kind();

  /** @return the number of examples (the first dimension of every tensor) */
  int size();

  /**
   * Creates the tensors among {@code declared}, those of {@link #kind()} the graph declares, and puts
   * them into {@code into} by name. The caller closes every tensor put into {@code into}, also when
   * this throws.
   *
   * @param environment the ONNX Runtime environment the tensors belong to
   * @param declared the graph's input names (all of them among the kind's tensors)
   * @param buffers this thread's reusable native buffers, which the tensors may wrap without a copy
   * @param into where the tensors go
   * @throws OrtException if ONNX Runtime cannot create a tensor
   */
  void addTensors(OrtEnvironment environment, Set<String> declared, TensorBuffers buffers,
      Map<String, OnnxTensor> into) throws OrtException;

  /** @return the batch's size in words for error messages, e.g. {@code 8 x 12 tokens} */
  String describe();
}
