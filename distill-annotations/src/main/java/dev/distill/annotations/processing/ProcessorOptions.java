package dev.distill.annotations.processing;

import dev.distill.annotations.settings.PathChecker;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@code -A} options of {@link DistillProcessor}, parsed once per compilation.
 *
 * @param baseDir {@code -Adistill.basedir}: the project base directory that relative paths start from; empty to find
 *     it from the descriptor's source file
 * @param checkFiles {@code -Adistill.checkFiles}: whether the files named in a descriptor must exist at compile time
 * @param allowOutsidePaths {@code -Adistill.allowOutsidePaths}: whether a path may be absolute or leave the base
 *     directory
 */
record ProcessorOptions(Optional<Path> baseDir, boolean checkFiles, boolean allowOutsidePaths) {

    static final String BASEDIR = "distill.basedir";
    static final String CHECK_FILES = "distill.checkFiles";
    static final String ALLOW_OUTSIDE_PATHS = "distill.allowOutsidePaths";

    /** The option names, as a processor declares them. */
    static Set<String> names() {
        return Set.of(BASEDIR, CHECK_FILES, ALLOW_OUTSIDE_PATHS);
    }

    /** The path checks these options ask for, with the options as the way to relax them. */
    PathChecker pathChecker(Path projectBaseDir) {
        return new PathChecker(projectBaseDir, checkFiles, allowOutsidePaths,
                "compile with -A" + ALLOW_OUTSIDE_PATHS + "=true",
                "fix the path, or compile with -A" + CHECK_FILES + "=false if the file is created later in the build"
                        + " or overridden when the distill plugin runs");
    }

    /**
     * Reads the options; a bad value is reported to {@code errors} and replaced by the default.
     *
     * @param options the processor options from the compiler
     * @param errors receives one message per bad option value
     */
    static ProcessorOptions parse(Map<String, String> options, Consumer<String> errors) {
        Optional<Path> baseDir = Optional.empty();
        String dir = options.get(BASEDIR);
        if (dir != null) {
            Path path = Path.of(dir).toAbsolutePath().normalize();
            if (java.nio.file.Files.isDirectory(path)) {
                baseDir = Optional.of(path);
            } else {
                errors.accept("-A" + BASEDIR + "=" + dir + " is not a directory (resolved to " + path
                        + "): give the project base directory, or leave the option out to use the folder of the"
                        + " nearest pom.xml");
            }
        }
        return new ProcessorOptions(baseDir,
                flag(options, CHECK_FILES, true, errors),
                flag(options, ALLOW_OUTSIDE_PATHS, false, errors));
    }

    private static boolean flag(Map<String, String> options, String name, boolean defaultValue,
            Consumer<String> errors) {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                errors.accept("-A" + name + "=" + value + " is neither true nor false; using " + defaultValue);
                return defaultValue;
        }
    }
}
