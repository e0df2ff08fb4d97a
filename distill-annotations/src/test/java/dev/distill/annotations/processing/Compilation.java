package dev.distill.annotations.processing;

import dev.distill.annotations.Distill;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The outcome of one real javac run over real source files, with the distill processor either passed in or found by
 * javac itself on the class path.
 *
 * @param success whether javac succeeded
 * @param diagnostics everything javac reported
 * @param classOutput the {@code -d} folder
 */
record Compilation(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics, Path classOutput) {

    /**
     * Compiles {@code sources} (already written to disk) into {@code classOutput}.
     *
     * @param processors the processors to run, or {@code null} to let javac discover them on the class path
     * @param options extra javac options, e.g. {@code -Adistill.basedir=...}
     */
    static Compilation run(List<Path> sources, Path classOutput, List<Processor> processors, List<String> options)
            throws IOException {
        return run(sources, List.of(), classOutput, processors, options);
    }

    /** As {@link #run(List, Path, List, List)}, with extra sources that exist only in memory. */
    static Compilation run(List<Path> sources, List<JavaFileObject> inMemory, Path classOutput,
            List<Processor> processors, List<String> options) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Files.createDirectories(classOutput);
        List<String> arguments = new ArrayList<>(List.of(
                "-classpath", annotationsClassPath().toString(),
                "-d", classOutput.toString(),
                "-encoding", "UTF-8",
                "-Xlint:-options"));
        arguments.addAll(options);
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<JavaFileObject> all = new ArrayList<>(inMemory);
            files.getJavaFileObjectsFromPaths(sources).forEach(all::add);
            JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, arguments, null, all);
            if (processors != null) {
                task.setProcessors(processors);
            }
            boolean success = task.call();
            return new Compilation(success, diagnostics.getDiagnostics(), classOutput);
        }
    }

    /** The folder or jar holding the annotations, the processor and its {@code META-INF/services} entry. */
    static Path annotationsClassPath() {
        try {
            return Path.of(Distill.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The diagnostics of one kind whose message starts with the processor's prefix. */
    List<Diagnostic<? extends JavaFileObject>> distill(Diagnostic.Kind kind) {
        return diagnostics.stream()
                .filter(d -> d.getKind() == kind && message(d).startsWith(Report.PREFIX))
                .collect(Collectors.toList());
    }

    /** The descriptor JSON written for {@code name}, if any. */
    Optional<String> descriptorJson(String name) throws IOException {
        Path file = classOutput.resolve(DistillProcessor.DESCRIPTOR_FOLDER + name + ".json");
        return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
    }

    /** All diagnostics, one a line, for assertion messages. */
    String describe() {
        return diagnostics.stream()
                .map(d -> d.getKind() + " " + d.getLineNumber() + ":" + d.getColumnNumber() + " " + message(d))
                .collect(Collectors.joining("\n"));
    }

    static String message(Diagnostic<?> diagnostic) {
        return diagnostic.getMessage(Locale.ROOT);
    }
}
