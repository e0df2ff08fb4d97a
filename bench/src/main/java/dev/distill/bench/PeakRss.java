package dev.distill.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Resident memory of a process, from Linux's /proc/<pid>/status, so native memory (libtorch, ONNX
 * Runtime) counts too: VmHWM is the peak so far, VmRSS the current size. NaN where /proc is absent.
 */
final class PeakRss {

    private PeakRss() {
    }

    /** The peak resident memory of a process so far (VmHWM), in MiB. */
    static double peakMiB(long pid) {
        return field(pid, "VmHWM:");
    }

    /** The current resident memory of a process (VmRSS), in MiB. */
    static double currentMiB(long pid) {
        return field(pid, "VmRSS:");
    }

    private static double field(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (NoSuchFileException e) {
            // The process has just exited, or this is not Linux.
        } catch (IOException | NumberFormatException e) {
            // Not readable: report unknown rather than a wrong figure.
        }
        return Double.NaN;
    }
}
