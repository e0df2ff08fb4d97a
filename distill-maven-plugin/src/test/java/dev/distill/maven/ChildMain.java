package dev.distill.maven;

/** A child process for {@link ForkedJvmTest}: behaves as its first argument says. */
public final class ChildMain {

    private ChildMain() {
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
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
