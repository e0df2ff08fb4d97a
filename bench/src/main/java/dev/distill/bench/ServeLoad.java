package dev.distill.bench;

import com.google.gson.JsonPrimitive;
import dev.distill.runtime.TextClassifier;
import dev.distill.runtime.serve.ClassifierServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One {@link ClassifierServer} on an ephemeral loopback port with a fixed number of HTTP clients,
 * each sending one text per request, back to back on its own keep-alive connection: wrk in a
 * process of its own ({@link WrkLoad}), or clients in this JVM ({@link KeepAliveClient}), which take
 * a share of the server's cores. {@link #run} loads it for a while and can be called again on the
 * same server (the soak does, between memory readings).
 */
final class ServeLoad implements AutoCloseable {

    private final List<byte[]> bodies;
    private final int clients;
    private final ClassifierServer server;
    private final InetSocketAddress address;
    private final ExecutorService pool;
    private final WrkLoad wrk; // null: the clients run in this JVM

    /**
     * @param maxBatch 1 turns dynamic batching off; above 1 it waits up to 2 ms for more calls
     * @param withWrk whether wrk drives the load, or clients in this JVM
     */
    ServeLoad(TextClassifier classifier, List<String> texts, int maxBatch, int clients, boolean withWrk)
            throws IOException {
        this.bodies = texts.stream()
                .map(text -> ("{\"inputs\": " + new JsonPrimitive(text) + "}").getBytes(StandardCharsets.UTF_8))
                .toList();
        this.clients = clients;
        this.server = ClassifierServer.builder().model("m", classifier).port(0)
                .maxBatch(maxBatch).maxDelayMs(maxBatch > 1 ? 2 : 0)
                .threads(Math.max(16, clients)).queueCapacity(1024).build().start();
        this.address = new InetSocketAddress("127.0.0.1", server.port());
        this.pool = withWrk ? null : Executors.newFixedThreadPool(clients);
        WrkLoad driver = null;
        try {
            driver = withWrk ? new WrkLoad(address, bodies) : null;
        } finally {
            if (withWrk && driver == null) {
                server.close();
            }
        }
        this.wrk = driver;
    }

    /** Every client sends requests for {@code warmUp + length}; only those sent after the warm-up count. */
    LoadResult run(Duration warmUp, Duration length) throws Exception {
        if (wrk != null) {
            return wrk.run(clients, warmUp, length);
        }
        long warmEnd = System.nanoTime() + warmUp.toNanos();
        long end = warmEnd + length.toNanos();
        List<Future<long[]>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c * 7919;
            results.add(pool.submit(() -> client(offset, warmEnd, end)));
        }
        long[][] own = new long[results.size()][];
        long errors = 0;
        int answered = 0;
        for (int c = 0; c < own.length; c++) {
            own[c] = results.get(c).get();
            errors += own[c][0];
            answered += own[c].length - 1;
        }
        long[] latencies = new long[answered];
        int at = 0;
        for (long[] one : own) {
            System.arraycopy(one, 1, latencies, at, one.length - 1);
            at += one.length - 1;
        }
        Arrays.sort(latencies);
        return new LoadResult(latencies.length, errors, length.toNanos() / 1e9, percentileMs(latencies, 50),
                percentileMs(latencies, 99));
    }

    /** @return the p-th percentile of sorted latencies in ns, in ms; NaN when there are none */
    private static double percentileMs(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    /** @return {errors, latency ns of each answered request sent after the warm-up...} */
    private long[] client(int offset, long warmEnd, long end) {
        long[] latencies = new long[1 << 12];
        int n = 1;
        long errors = 0;
        try (KeepAliveClient http = new KeepAliveClient(address, "/predict")) {
            for (int i = offset; ; i++) {
                long start = System.nanoTime();
                if (start >= end) {
                    break;
                }
                try {
                    if (http.post(bodies.get(i % bodies.size())) != 200) {
                        errors++;
                        continue;
                    }
                } catch (IOException e) {
                    errors++;
                    continue;
                }
                if (start >= warmEnd) {
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = System.nanoTime() - start;
                }
            }
        }
        latencies[0] = errors;
        return Arrays.copyOf(latencies, n);
    }

    @Override
    public void close() throws IOException {
        if (pool != null) {
            pool.shutdownNow();
        }
        server.close();
        if (wrk != null) {
            wrk.close();
        }
    }
}
