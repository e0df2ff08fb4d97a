package dev.distill.annotations.settings;

import static dev.distill.annotations.settings.Diagnostics.quote;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Resolves the paths of a descriptor against the project base directory and reports the ones that are malformed,
 * leave the base directory (unless allowed), or name a file that is not there (when files are checked).
 *
 * <p>The advice texts end the messages, so each caller can name its own way out: a compiler option for the
 * annotation processor, a property for the plugin.
 */
public final class PathChecker {

    private final Path baseDir;
    private final boolean checkFiles;
    private final boolean allowOutsidePaths;
    private final String outsidePathAdvice;
    private final String missingFileAdvice;

    /**
     * @param baseDir the absolute, normalized project base directory that relative paths start from
     * @param checkFiles whether files must exist
     * @param allowOutsidePaths whether a path may be absolute or leave the base directory
     * @param outsidePathAdvice how to allow such a path, ending the message about it, e.g.
     *     {@code "compile with -Adistill.allowOutsidePaths=true"}
     * @param missingFileAdvice what to do about a missing file, ending the message about it, e.g.
     *     {@code "fix the path"}
     */
    public PathChecker(Path baseDir, boolean checkFiles, boolean allowOutsidePaths, String outsidePathAdvice,
            String missingFileAdvice) {
        this.baseDir = baseDir;
        this.checkFiles = checkFiles;
        this.allowOutsidePaths = allowOutsidePaths;
        this.outsidePathAdvice = outsidePathAdvice;
        this.missingFileAdvice = missingFileAdvice;
    }

    /** The project base directory. */
    public Path baseDir() {
        return baseDir;
    }

    /**
     * Resolves a path setting, reporting it when it cannot be used.
     *
     * @param setting the dotted setting name, e.g. {@code data.train}
     * @param written the path as written, non-empty
     * @return the normalized absolute path, or empty when an error was reported
     */
    public Optional<Path> resolve(String setting, String written, Diagnostics diagnostics) {
        Path path;
        try {
            path = Path.of(written);
        } catch (InvalidPathException e) {
            diagnostics.error(setting, diagnostics.describe(setting, quote(written)) + " is not a valid path: "
                    + e.getReason());
            return Optional.empty();
        }
        if (path.isAbsolute() && !allowOutsidePaths) {
            diagnostics.error(setting, diagnostics.describe(setting, quote(written)) + " is an absolute path: write"
                    + " it relative to the project base directory " + baseDir + " so that the build works on other"
                    + " machines, or " + outsidePathAdvice);
            return Optional.empty();
        }
        Path resolved = baseDir.resolve(path).normalize();
        if (!resolved.startsWith(baseDir) && !allowOutsidePaths) {
            diagnostics.error(setting, diagnostics.describe(setting, quote(written)) + " leaves the project base"
                    + " directory " + baseDir + " (it resolves to " + resolved + "): keep the file inside the"
                    + " project, or " + outsidePathAdvice);
            return Optional.empty();
        }
        return Optional.of(resolved);
    }

    /**
     * Resolves a path setting that must name an existing regular file (when files are checked).
     *
     * @return the file when it exists and files are checked; empty otherwise (reported when it is an error)
     */
    Optional<Path> existingFile(String setting, String written, Diagnostics diagnostics) {
        return existing(setting, written, diagnostics, Files::isRegularFile, "is a folder, not a file");
    }

    /**
     * Resolves a path setting that must name an existing file or folder (when files are checked).
     *
     * @return the file or folder when it exists and files are checked; empty otherwise
     */
    Optional<Path> existingFileOrFolder(String setting, String written, Diagnostics diagnostics) {
        return existing(setting, written, diagnostics, Files::exists, "");
    }

    /**
     * Resolves a path setting that must name an existing folder (when files are checked).
     *
     * @return the folder when it exists and files are checked; empty otherwise (reported when it is an error)
     */
    Optional<Path> existingFolder(String setting, String written, Diagnostics diagnostics) {
        return existing(setting, written, diagnostics, Files::isDirectory, "is a file, not a folder");
    }

    /**
     * Resolves a path setting and, when files are checked, reports it unless {@code wanted} holds.
     *
     * @param otherKind the problem when the path exists but is not what is wanted
     */
    private Optional<Path> existing(String setting, String written, Diagnostics diagnostics,
            Predicate<Path> wanted, String otherKind) {
        Optional<Path> resolved = resolve(setting, written, diagnostics);
        if (resolved.isEmpty() || !checkFiles) {
            return Optional.empty();
        }
        Path path = resolved.get();
        if (wanted.test(path)) {
            return resolved;
        }
        reportMissing(setting, written, path, Files.exists(path) ? otherKind : "does not exist", diagnostics);
        return Optional.empty();
    }

    private void reportMissing(String setting, String written, Path looked, String problem, Diagnostics diagnostics) {
        diagnostics.error(setting, diagnostics.describe(setting, quote(written)) + " " + problem + " (looked for "
                + looked + ", relative to the project base directory " + baseDir + "): " + missingFileAdvice);
    }
}
