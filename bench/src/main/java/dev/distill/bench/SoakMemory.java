package dev.distill.bench;

/**
 * The process's resident memory now (VmRSS), so that native memory (ONNX Runtime, the tokenizer)
 * counts as well as the Java heap.
 */
final class SoakMemory {

    private SoakMemory() {
    }

    /** @return VmRSS in MiB; fails on systems without /proc, where the soak cannot judge a leak */
    static double residentMebibytes() {
        double rss = ProcStatus.mebibytes("VmRSS");
        if (Double.isNaN(rss)) {
            throw new IllegalStateException("cannot read VmRSS from /proc/self/status; the soak needs Linux");
        }
        return rss;
    }
}
