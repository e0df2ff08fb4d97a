package dev.distill.maven;

import dev.distill.engine.cli.ParentLifeline;

/** A child process for {@link ForkedJvmTest}: behaves as its first argument says. */
public final class ChildMain {

    /** The "lifeline" child prints its process id after this. */
    static final String PID_PREFIX = "child pid ";

    private ChildMain() {
    }

    private static void sleepForever() {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public static void main(String[] args) {
        switch (args[0]) {
            case "ok" -> {
                System.out.println("step 1/2");
                System.err.println("a warning");
                System.out.println("step 2/2");
            }
            case "fail" -> {
                System.out.println("working");
                System.out.println(ForkedJvm.ERROR_PREFIX + "teacher model not found: /x/model.onnx");
                System.out.println(ForkedJvm.ERROR_PREFIX + "fix: set -Ddistill.teacher.model");
                System.exit(1);
            }
            case "crash" -> {
                System.out.println("last words");
                Runtime.getRuntime().halt(137);
            }
            case "lifeline" -> {
                // As the engine's entry point does: stop when the parent's pipe closes, else run "forever".
                ParentLifeline.watchIfAsked();
                System.out.println(PID_PREFIX + ProcessHandle.current().pid());
                System.out.flush();
                sleepForever();
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
