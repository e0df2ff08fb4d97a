package dev.distill.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Memory figures of a process from Linux's /proc/<pid>/status, so native memory (libtorch, ONNX
 * Runtime) counts too: VmHWM is the peak so far, VmRSS the current size.
 */
final class ProcStatus {

    private ProcStatus() {
    }

    /** A field of this process; see {@link #mebibytes(long, String)}. */
    static double mebibytes(String field) {
        return read(Path.of("/proc/self/status"), field);
    }

    /**
     * @param pid   a running process
     * @param field a field given in kB, such as {@code VmRSS} or {@code VmHWM}
     * @return its value in MiB, or NaN where it cannot be read (the process has exited, or not Linux)
     */
    static double mebibytes(long pid, String field) {
        return read(Path.of("/proc", Long.toString(pid), "status"), field);
    }

    /** A field given in kB of a /proc file of that shape (status, meminfo), in MiB; NaN where unreadable. */
    static double read(Path status, String field) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (NoSuchFileException e) {
            // The process has just exited, or this is not Linux.
        } catch (IOException | NumberFormatException e) {
            // Reported as unknown rather than as a wrong figure.
        }
        return Double.NaN;
    }
}
