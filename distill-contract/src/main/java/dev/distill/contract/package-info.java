/**
 * What the modules that build a classifier and the module that serves it must agree on, with no
 * dependency between them: the tensor names of the classifier's ONNX graph.
 */
package dev.distill.contract;
