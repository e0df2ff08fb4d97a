package dev.distill.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The load of {@code bench/serve} driven by wrk, a process of its own (Debian's package {@code wrk}):
 * one wrk thread keeps a number of keep-alive connections busy, each sending one text per request,
 * the texts in turn ({@code wrk-predict.lua}). wrk is C on epoll, so it takes far less of the two
 * cores than clients in the server's JVM do, and none of the server's heap or threads.
 */
final class WrkLoad implements AutoCloseable {
    static final String RESULT = "wrk-result: ";

    private final Path script;
    private final Path bodies;
    private final String url;

    /**
     * @param address the server
     * @param requestBodies the JSON bodies to send, in turn; none holds a line break
     */
    WrkLoad(InetSocketAddress address, List<byte[]> requestBodies) throws IOException {
        this.url = "http://" + address.getHostString() + ":" + address.getPort() + "/predict";
        this.script = Files.createTempFile("wrk-predict", ".lua");
        this.bodies = Files.createTempFile("wrk-bodies", ".jsonl");
        try (InputStream lua = WrkLoad.class.getResourceAsStream("wrk-predict.lua")) {
            Files.write(script, lua.readAllBytes());
        }
        StringBuilder lines = new StringBuilder();
        for (byte[] body : requestBodies) {
            lines.append(new String(body, StandardCharsets.UTF_8)).append('\n');
        }
        Files.writeString(bodies, lines);
    }

    /** @return whether a {@code wrk} runs here */
    static boolean available() {
        try {
            Process wrk = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            wrk.getInputStream().readAllBytes();
            wrk.waitFor();
            return true; // it exits 1 after printing its version and usage
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One wrk run of {@code warmUp} (not counted), then the measured one of {@code length}. */
    LoadResult run(int connections, Duration warmUp, Duration length) throws IOException, InterruptedException {
        if (warmUp.toSeconds() > 0) {
            wrk(connections, warmUp);
        }
        return wrk(connections, length);
    }

    private LoadResult wrk(int connections, Duration length) throws IOException, InterruptedException {
        List<String> command = List.of("wrk", "-t1", "-c" + connections, "-d" + Math.max(1, length.toSeconds()) + "s",
                "--timeout", "30s", "-s", script.toString(), url, "--", bodies.toString());
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = wrk.waitFor();
        String result = output.lines().filter(line -> line.startsWith(RESULT)).findFirst().orElse(null);
        if (exit != 0 || result == null) {
            throw new IOException(String.join(" ", command) + " exited " + exit + " without its result line:\n" + output);
        }
        return parse(result.substring(RESULT.length()));
    }

    /** The line of {@code wrk-predict.lua}'s {@code done}: counts, microseconds. */
    static LoadResult parse(String json) {
        JsonObject r = JsonParser.parseString(json).getAsJsonObject();
        long errors = 0;
        for (String kind : new String[] {"connect", "read", "write", "status", "timeout"}) {
            errors += r.get(kind).getAsLong();
        }
        // wrk counts every answer as a request, a non-2xx one also as a "status" error.
        return new LoadResult(r.get("requests").getAsLong() - r.get("status").getAsLong(), errors, r.get("durationUs").getAsLong() / 1e6,
                r.get("p50Us").getAsLong() / 1e3, r.get("p99Us").getAsLong() / 1e3);
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(script);
        Files.deleteIfExists(bodies);
    }
}
