/**
 * The {@link dev.distill.annotations.Distill @Distill} descriptor annotation and its parts. This package depends on
 * the JDK only; the annotation processor in {@code dev.distill.annotations.processing}, in the same jar, checks the
 * settings at compile time.
 */
package dev.distill.annotations;
