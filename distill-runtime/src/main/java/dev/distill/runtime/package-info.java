/**
 * Serving distilled (and teacher) text classifiers with ONNX Runtime and DJL's HuggingFace
 * tokenizer.
 *
 * <p>{@link dev.distill.runtime.TextClassifier} (an interface; its {@code load} methods serve
 * the model with ONNX Runtime) loads a classifier folder ({@code model.onnx}, {@code tokenizer.json},
 * {@code config.json}, laid out and read by {@link dev.distill.runtime.ModelFolder}) from a path,
 * from {@code META-INF/distill/<name>/} on the classpath, or from a {@code @Distill} descriptor
 * class. {@link
 * dev.distill.runtime.OnnxTextModel} and {@link dev.distill.runtime.TextEncoder} are the parts it
 * is built from, public for tools that need other outputs (for example sentence embeddings).
 */
package dev.distill.runtime;
