package dev.distill.engine.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens a local page in a real headless Chromium (Debian's {@code chromium}, which {@code .ci/run}
 * installs) and returns what a person would get: the DOM after load, a screenshot, and the console.
 * The flags keep Chromium off the network entirely (this machine has none).
 */
final class HeadlessChromium {

    record PageLoad(String dom, List<String> consoleLines, Path screenshot) {}

    private HeadlessChromium() {
    }

    /** The Chromium binary, or null when none is installed. */
    static Path binary() {
        String configured = System.getenv("CHROMIUM");
        for (String candidate : new String[] {configured, "/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
            if (candidate != null && Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    static PageLoad load(Path page, Path workDir) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile");
        Path screenshot = workDir.resolve("screenshot.png");
        String dom = run(profile, workDir.resolve("dom.log"), "--dump-dom", page.toUri().toString());
        List<String> console = new ArrayList<>();
        for (String line : Files.readAllLines(workDir.resolve("dom.log"), StandardCharsets.UTF_8)) {
            if (line.contains(":CONSOLE")) {
                console.add(line);
            }
        }
        run(profile, workDir.resolve("screenshot.log"), "--screenshot=" + screenshot, "--window-size=1280,2400",
                "--hide-scrollbars", page.toUri().toString());
        return new PageLoad(dom, console, screenshot);
    }

    private static String run(Path profile, Path log, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary().toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--enable-logging=stderr", "--v=0"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("chromium did not finish in 120 s: " + command);
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
