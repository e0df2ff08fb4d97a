package dev.distill.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** wrk-predict.lua and WrkLoad's reading of its result line, against a real wrk and a real HTTP server. */
class WrkLoadTest {

    @Test
    void aNon2xxAnswerIsAnErrorAndNotARequest() {
        LoadResult result = WrkLoad.parse("{\"requests\": 1000, \"durationUs\": 2000000, \"p50Us\": 1500,"
                + " \"p99Us\": 9000, \"connect\": 0, \"read\": 1, \"write\": 0, \"status\": 10, \"timeout\": 2}");
        assertEquals(990, result.requests());
        assertEquals(13, result.errors());
        assertEquals(495, result.requestsPerSecond(), 1e-9);
        assertEquals(1.5, result.p50Ms(), 1e-9);
        assertEquals(9.0, result.p99Ms(), 1e-9);
    }

    /** Skipped where no wrk is installed (bench/serve installs Debian's wrk). */
    @Test
    void wrkPostsEveryBodyInTurnAndCountsTheRefusedOnes() throws Exception {
        assumeTrue(WrkLoad.available(), "wrk is not installed");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicLong refused = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/predict", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean post = exchange.getRequestMethod().equals("POST")
                    && "application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"));
            seen.add(body);
            int status = post && !body.contains("refuse") ? 200 : 503;
            if (status != 200) {
                refused.incrementAndGet();
            }
            byte[] answer = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        List<byte[]> bodies = List.of("{\"inputs\": \"one\"}", "{\"inputs\": \"two \\\"quoted\\\"\"}",
                "{\"inputs\": \"refuse\"}").stream().map(b -> b.getBytes(StandardCharsets.UTF_8)).toList();
        try (WrkLoad wrk = new WrkLoad(new InetSocketAddress("127.0.0.1", server.getAddress().getPort()), bodies)) {
            LoadResult result = wrk.run(2, Duration.ZERO, Duration.ofSeconds(1));
            assertEquals(Set.of("{\"inputs\": \"one\"}", "{\"inputs\": \"two \\\"quoted\\\"\"}",
                    "{\"inputs\": \"refuse\"}"), seen, "each body is sent as it is, none other");
            assertTrue(result.requests() > 10, result.toString());
            // wrk may cut the last answers at the end of its run, so its counts are a little below the server's.
            assertTrue(result.errors() > 0 && result.errors() <= refused.get(), result + ", refused " + refused);
            assertTrue(result.requests() > result.errors(), "two bodies in three are answered 200: " + result);
            assertTrue(result.p50Ms() > 0 && result.p99Ms() >= result.p50Ms(), result.toString());
        } finally {
            server.stop(0);
        }
    }
}
