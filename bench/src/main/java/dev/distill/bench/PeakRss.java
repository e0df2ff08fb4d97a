package dev.distill.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's peak resident memory, from Linux's /proc (VmHWM), so native memory counts too. */
final class PeakRss {

    private PeakRss() {
    }

    static double mebibytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux: report unknown rather than a wrong figure.
        }
        return Double.NaN;
    }
}
