/**
 * Serving text classifiers over HTTP with dynamic batching: {@link
 * dev.distill.runtime.serve.ClassifierServer}, on the JDK's built-in HTTP server so that the
 * runtime jar gains no dependency. The command line's {@code serve} starts one.
 */
package dev.distill.runtime.serve;
