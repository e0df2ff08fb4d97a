/**
 * The {@code distill-runtime} command line ({@code predict}, {@code eval}, {@code bench},
 * {@code serve}), shipped as the runnable {@code distill-runtime-<version>-cli.jar}.
 */
package dev.distill.runtime.cli;
