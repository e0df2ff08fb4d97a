package dev.distill.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident memory now (VmRSS in Linux's /proc/self/status), so that native memory
 * (ONNX Runtime, the tokenizer) counts as well as the Java heap.
 */
final class SoakMemory {

    private SoakMemory() {
    }

    /** @return VmRSS in MiB; fails on systems without /proc, where the soak cannot judge a leak */
    static double residentMebibytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status: " + e.getMessage(), e);
        }
        throw new IllegalStateException("/proc/self/status has no VmRSS line; the soak needs Linux");
    }
}
