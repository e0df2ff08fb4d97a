package dev.distill.engine.cli;

import dev.distill.engine.BuildFingerprint;
import dev.distill.engine.DistillationPlan;
import dev.distill.engine.Distiller;
import dev.distill.engine.Plans;
import dev.distill.engine.StudentFolder;
import dev.distill.engine.job.EngineJob;
import dev.distill.engine.job.PluginProperties;
import dev.distill.engine.spec.DescriptorSpecs;
import dev.distill.engine.spec.ResolvedSpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The entry point of the JVM that the Maven goal forks: reads the job, and distills each descriptor
 * whose inputs changed. Progress goes to standard output, line by line; a failure is printed as
 * {@code distill-error: } lines (the goal turns them into the build failure's message) and exits 1.
 * Started by the goal, it stops when the goal's JVM goes away ({@link ParentLifeline}).
 */
public final class EngineMain {

    /** Marks the lines that carry a failure's message to the goal. */
    public static final String ERROR_PREFIX = "distill-error: ";

    private EngineMain() {
    }

    public static void main(String[] args) {
        ParentLifeline.watchIfAsked();
        PrintStream out = System.out;
        if (args.length != 1) {
            fail(out, "usage: EngineMain <job.json>");
        }
        try {
            run(EngineJob.read(Path.of(args[0])), out);
        } catch (Throwable e) {
            fail(out, message(e));
        }
        out.flush();
        // DJL and ONNX Runtime keep non-daemon threads; the work is done.
        System.exit(0);
    }

    static void run(EngineJob job, PrintStream out) throws Exception {
        List<ResolvedSpec> specs = DescriptorSpecs.load(job.classes(), job.project(), job.properties(),
                PluginProperties.ALL, job.allowOutsidePaths());
        for (ResolvedSpec resolved : specs) {
            String name = resolved.spec().name();
            resolved.warnings().forEach(w -> out.println("distill: warning: " + w));
            if (!resolved.overrides().isEmpty()) {
                out.println("distill: " + name + ": overrides " + resolved.overrides());
            }
            DistillationPlan plan = Plans.of(resolved.spec(), job);
            StudentFolder.removeLeftovers(plan.outputFolder(), plan.workFolder());
            String fingerprint = BuildFingerprint.of(plan, Plans.inputFiles(resolved.spec(), job),
                    job.thresholds(), job.pluginVersion());
            if (!job.force() && BuildFingerprint.upToDate(fingerprint, plan.workFolder(), plan.outputFolder())) {
                out.println("distill: " + name + " is up to date (no input changed since the last build);"
                        + " -D" + PluginProperties.FORCE + "=true retrains");
                continue;
            }
            BuildFingerprint.forget(plan.workFolder());
            String teachers = plan.teachers().size() == 1 ? plan.firstTeacher().model().getFileName().toString()
                    : "an ensemble of " + plan.teachers().size() + " teachers";
            out.println("distill: " + name + ": distilling " + teachers + " into a "
                    + plan.student().architecture() + " student");
            new Distiller(line -> {
                synchronized (out) {
                    out.println(line);
                }
            }).run(plan);
            BuildFingerprint.record(fingerprint, plan.workFolder());
        }
        if (specs.isEmpty()) {
            out.println("distill: no descriptors in " + job.classes().resolve("META-INF/distill/descriptors"));
        }
    }

    private static String message(Throwable e) {
        String message = e.getMessage();
        // A bare message ("dev/distill/Foo", "null") only makes sense with the exception's type beside it.
        if (message == null || message.isBlank() || !message.contains(" ") || e instanceof Error) {
            message = e.toString();
        }
        if (e instanceof OutOfMemoryError) {
            message += "\nFix: give the training JVM more memory, e.g. -D" + PluginProperties.JVM_ARGS + "=-Xmx12g";
        }
        return message;
    }

    private static void fail(PrintStream out, String message) {
        for (String line : message.split("\\R")) {
            out.println(ERROR_PREFIX + line);
        }
        out.flush();
        System.exit(1);
    }

    static {
        // Nothing may download at run time (see ../shared/notes/stack.md).
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        if (System.getenv("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }
}
