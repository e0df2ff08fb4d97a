/**
 * The annotation processor that checks {@code @Distill} descriptors at compile time and writes their JSON form
 * ({@code docs/descriptor-format.md}). Only {@link dev.distill.annotations.processing.DistillProcessor} is public.
 */
package dev.distill.annotations.processing;
