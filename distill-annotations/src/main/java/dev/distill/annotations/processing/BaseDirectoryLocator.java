package dev.distill.annotations.processing;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.tools.StandardLocation;

/**
 * Finds the project base directory that a descriptor's relative paths start from: the {@code -Adistill.basedir}
 * option; else the nearest folder holding a {@code pom.xml} above the descriptor's source file; else the nearest one
 * above the class output folder; else the current working directory.
 */
final class BaseDirectoryLocator {

    private final Optional<Path> configured;
    private final Trees trees;
    private final Filer filer;

    BaseDirectoryLocator(ProcessingEnvironment environment, Optional<Path> configured) {
        this.configured = configured;
        this.trees = treesOrNull(environment);
        this.filer = environment.getFiler();
    }

    /** The base directory for the descriptor {@code type}, absolute and normalized. */
    Path locate(Element type) {
        return configured
                .or(() -> sourceFile(type).flatMap(BaseDirectoryLocator::nearestPomFolder))
                .or(() -> classOutput().flatMap(BaseDirectoryLocator::nearestPomFolder))
                .orElseGet(() -> Path.of("").toAbsolutePath())
                .normalize();
    }

    private Optional<Path> sourceFile(Element type) {
        if (trees == null) {
            return Optional.empty();
        }
        TreePath path = trees.getPath(type);
        if (path == null) {
            return Optional.empty();
        }
        CompilationUnitTree unit = path.getCompilationUnit();
        return unit.getSourceFile() == null ? Optional.empty() : asPath(unit.getSourceFile().toUri());
    }

    private Optional<Path> classOutput() {
        try {
            // A name that is never created: asking for it only tells where the class output is.
            return asPath(filer.getResource(StandardLocation.CLASS_OUTPUT, "", "META-INF/distill/.where").toUri());
        } catch (IOException | IllegalArgumentException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> nearestPomFolder(Path file) {
        for (Path dir = file.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> asPath(URI uri) {
        if (!"file".equals(uri.getScheme())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(uri));
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Trees works only inside javac; other compilers (and wrapped environments) get the fallbacks. */
    private static Trees treesOrNull(ProcessingEnvironment environment) {
        try {
            return Trees.instance(environment);
        } catch (IllegalArgumentException | LinkageError e) {
            return null;
        }
    }
}
