package dev.distill.maven;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Stands in for the Maven JVM in {@link ForkedJvmTest}: forks {@link ChildMain} with the real
 * {@link ForkedJvm}, as the goal forks the engine, and passes the child's output on.
 */
public final class ForkingParent {

    private ForkingParent() {
    }

    public static void main(String[] args) throws Exception {
        List<Path> classPath = java.util.Arrays.stream(System.getProperty("java.class.path")
                .split(java.io.File.pathSeparator)).map(Path::of).toList();
        new ForkedJvm(ForkedJvm.currentJava(), List.of("-Xmx64m"), classPath, Map.of("OPT_OUT_TRACKING", "true"))
                .run(ChildMain.class.getName(), List.of(args[0]), Path.of("."), line -> {
                    System.out.println(line);
                    System.out.flush();
                }, System.err::println);
    }
}
