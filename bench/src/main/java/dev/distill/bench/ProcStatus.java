package dev.distill.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory figures of this process from Linux's /proc/self/status, so native memory counts too. */
final class ProcStatus {

    private ProcStatus() {
    }

    /**
     * @param field a field given in kB, such as {@code VmRSS} or {@code VmHWM}
     * @return its value in MiB, or NaN where it cannot be read (not Linux)
     */
    static double mebibytes(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Reported as unknown rather than as a wrong figure.
        }
        return Double.NaN;
    }
}
