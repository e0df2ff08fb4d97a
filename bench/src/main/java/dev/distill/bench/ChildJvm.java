package dev.distill.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a main class of this class path in a child JVM, so that its wall time and peak resident
 * memory are its own (measured by {@link MeasuredProcess}).
 */
final class ChildJvm {

    private final List<String> jvmArguments;

    /** @param jvmArguments e.g. {@code -Xmx6g} and system properties */
    ChildJvm(List<String> jvmArguments) {
        this.jvmArguments = List.copyOf(jvmArguments);
    }

    MeasuredProcess.Result run(String mainClass, List<String> arguments, Consumer<String> output)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArguments);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(arguments);
        return MeasuredProcess.run(command, null, output);
    }
}
