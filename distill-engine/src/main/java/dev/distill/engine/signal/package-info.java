/**
 * The names of what teachers and students give per text besides their logits, and what loss terms
 * ask for: see {@link dev.distill.engine.signal.Signal}.
 */
package dev.distill.engine.signal;
