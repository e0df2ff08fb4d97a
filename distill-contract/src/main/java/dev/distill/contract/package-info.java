/**
 * What the modules that build a classifier and the module that serves it must agree on, with no
 * dependency between them: the tensor names of the classifier's ONNX graph ({@link
 * dev.distill.contract.ClassifierGraph}) and the inputs of each kind of classifier, with their element
 * types and dimensions ({@link dev.distill.contract.InputKind}).
 */
package dev.distill.contract;
