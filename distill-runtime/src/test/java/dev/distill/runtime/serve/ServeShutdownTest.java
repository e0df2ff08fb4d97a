package dev.distill.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.runtime.testing.StudentFixture;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** close() lets the request in flight finish, then the port refuses connections. */
class ServeShutdownTest {
  @Test
  void aRequestInFlightCompletesThenThePortRefuses() throws Exception {
    // A long batching delay keeps the one request in the batcher, in flight, while close() begins.
    ClassifierServer server = ClassifierServer.builder().model("student", StudentFixture.classifier())
        .port(0).maxBatch(64).maxDelayMs(1500).build().start();
    int port = server.port();
    ServeClient client = new ServeClient(port);
    CompletableFuture<ServeClient.Answer> inFlight =
        CompletableFuture.supplyAsync(() -> client.post("/predict", "{\"inputs\": \"in flight\"}"));
    Thread.sleep(500); // the request has reached the batcher, which waits for companions
    long start = System.nanoTime();
    server.close();
    double closeMs = (System.nanoTime() - start) / 1e6;
    ServeClient.Answer answer = inFlight.get();
    assertEquals(200, answer.status(), answer.body());
    assertTrue(answer.body().contains("\"label\""), answer.body());
    assertTrue(closeMs > 100, "close() returned after " + closeMs + " ms, before the request finished");
    assertThrows(ConnectException.class, () -> {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        socket.getOutputStream().write('x');
      }
    });
    server.close(); // idempotent
  }

  @Test
  void closingAnIdleServerIsQuick() throws IOException {
    ClassifierServer server = ClassifierServer.builder().model("student", StudentFixture.classifier())
        .port(0).build().start();
    long start = System.nanoTime();
    server.close();
    double closeMs = (System.nanoTime() - start) / 1e6;
    assertTrue(closeMs < 5000, "closing an idle server took " + closeMs + " ms");
  }
}
