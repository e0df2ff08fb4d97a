package dev.distill.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.runtime.TextClassifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine and the runtime need no network: the engine's fork entry distills a small project, and the runtime's
 * command line predicts with the student, both inside a network namespace that has no network ({@code unshare -rn}:
 * a new user and network namespace, only a loopback device that is down). Skipped where the machine does not allow
 * such namespaces.
 */
class NoNetworkTest {

    private static final List<String> NO_NETWORK = List.of("unshare", "-rn");
    private static final List<String> TEXTS = List.of("a gorgeous , witty , seductive movie .",
            "the plot is nothing but boilerplate clichés from start to finish .");

    private static EngineProject project;
    private static String engineOutput;

    @BeforeAll
    static void distillWithoutNetwork() throws Exception {
        assumeTrue(namespacesAllowed(), "skipped: this machine does not allow a network namespace"
                + " (`unshare -rn true` fails; it needs unprivileged user namespaces or root)");
        project = EngineProject.tiny(EngineFixtures.targetDir("no-network").resolve("project")).create();
        engineOutput = ChildProcess.engine(project.writeJob(false)).heap("2g").prefix(NO_NETWORK).in(project.root())
                .run();
    }

    @Test
    void theNamespaceHasNoNetwork() throws Exception {
        // /proc/net/dev lists the devices of the reader's network namespace: loopback only.
        String devices = ChildProcess.command("cat", "/proc/net/dev").prefix(NO_NETWORK).in(project.root()).run();
        List<String> names = devices.lines().skip(2).map(l -> l.trim().split(":")[0]).toList();
        assertEquals(List.of("lo"), names, devices);
    }

    @Test
    void theEngineDistillsWithoutNetwork() {
        assertTrue(engineOutput.contains("distill: tiny: distilling"), engineOutput);
        assertTrue(Files.isRegularFile(project.student().resolve("model.onnx")), engineOutput);
        assertTrue(Files.isRegularFile(project.work().resolve("report.html")), engineOutput);
    }

    @Test
    void theRuntimeCommandLinePredictsWithoutNetwork() throws Exception {
        // As a user runs it: no offline property and no OPT_OUT_TRACKING; the runtime must not need them.
        List<String> arguments = new ArrayList<>(List.of("predict", "--model", project.student().toString()));
        arguments.addAll(TEXTS);
        String output = ChildProcess.java("dev.distill.runtime.cli.Main", arguments).prefix(NO_NETWORK)
                .in(project.root()).run();
        List<String> labels = output.lines().filter(l -> l.contains("\t")).map(l -> l.split("\t")[0]).toList();
        try (TextClassifier classifier = TextClassifier.load(project.student())) {
            List<String> expected = TEXTS.stream().map(t -> classifier.predict(t).label()).toList();
            assertEquals(expected, labels, "the command line's answers, without network:\n" + output);
        }
    }

    private static boolean namespacesAllowed() {
        try {
            Process probe = new ProcessBuilder(concat(NO_NETWORK, List.of("true"))).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
