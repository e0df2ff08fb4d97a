/** Classification metrics: accuracy, macro-F1, confusion matrix. */
package dev.distill.runtime.eval;
