package dev.distill.engine.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a folder as a whole: its files go into a temporary sibling folder, which is then renamed
 * into place, so no reader ever sees a folder with some files missing or half written. Used by the probe teacher's
 * folder and by distill-spark's labelled output.
 */
public final class AtomicFolder {

    /** Fills a folder. */
    @FunctionalInterface
    public interface Filler {
        void fill(Path folder) throws IOException;
    }

    private AtomicFolder() {
    }

    /** Writes {@code folder} with the files {@code filler} creates, replacing an existing folder. */
    public static void write(Path folder, Filler filler) {
        Path target = folder.toAbsolutePath();
        Path parent = target.getParent();
        String name = target.getFileName().toString();
        Path temp = null;
        Path old = null;
        try {
            Files.createDirectories(parent);
            temp = Files.createTempDirectory(parent, "." + name + ".tmp-");
            filler.fill(temp);
            if (Files.exists(target)) {
                old = Files.createTempDirectory(parent, "." + name + ".old-");
                Files.delete(old);
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write folder " + target + ": " + e.getMessage(), e);
        } finally {
            deleteRecursively(temp);
            deleteRecursively(old);
        }
    }

    public static void deleteRecursively(Path path) {
        if (path == null) {
            return;
        }
        try {
            AtomicFiles.deleteTree(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + path + ": " + e.getMessage(), e);
        }
    }
}
