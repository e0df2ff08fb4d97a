package dev.distill.engine.train;

/** Where the student trains. */
public enum TrainingDevice {
    /** The first GPU when DJL's PyTorch engine reports one, otherwise the CPU. */
    AUTO,
    /** The CPU, always. Results are bitwise reproducible for a fixed seed. */
    CPU,
    /** The first GPU; an error with the fix when the engine sees none (CPU-only libtorch). */
    GPU
}
