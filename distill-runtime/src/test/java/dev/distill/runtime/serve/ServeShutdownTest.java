package dev.distill.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.runtime.testing.ClassifierFixture;
import dev.distill.runtime.testing.StudentFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** close() lets the requests in flight finish, running and queued, then the port refuses connections. */
class ServeShutdownTest {
  @Test
  void requestsInFlightCompleteThenThePortRefuses() throws Exception {
    // maxBatch 1: a long call runs alone, and a short one sent meanwhile waits in the queue, where
    // the metrics show it. Both are then in flight, one running, one queued, when close() begins.
    ClassifierServer server = ClassifierServer.builder().model("sentiment", ClassifierFixture.classifier())
        .port(0).maxBatch(1).build().start();
    int port = server.port();
    ServeClient client = new ServeClient(port);
    StringBuilder texts = new StringBuilder();
    for (int i = 0; i < 64; i++) {
      texts.append(i > 0 ? ", " : "").append(ServeClient.quote(("a long and winding review number " + i
          + " of a film that is neither good nor bad ").repeat(4)));
    }
    CompletableFuture<ServeClient.Answer> running =
        CompletableFuture.supplyAsync(() -> client.post("/predict", "{\"inputs\": [" + texts + "]}"));
    Thread.sleep(100); // the long call's body is sent and it runs
    CompletableFuture<ServeClient.Answer> queued =
        CompletableFuture.supplyAsync(() -> client.post("/predict", "{\"inputs\": \"queued\"}"));
    boolean seenQueued = false;
    while (!seenQueued && !queued.isDone()) {
      seenQueued = client.get("/metrics").body().contains("distill_queue_depth{model=\"sentiment\"} 1");
    }
    assertTrue(seenQueued && !running.isDone(),
        "the short call was not seen queued behind the long one; make the long one longer");
    server.close();
    ServeClient.Answer first = running.get();
    ServeClient.Answer second = queued.get();
    assertEquals(200, first.status(), first.body());
    assertEquals(64, first.json().getAsJsonArray().size(), first.body());
    assertEquals(200, second.status(), second.body());
    assertTrue(second.body().startsWith("[{\"label\""), second.body());
    assertThrows(ConnectException.class, () -> {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        socket.getOutputStream().write('x');
      }
    });
    server.close(); // idempotent
  }

  @Test
  void readyAnswers503WhileTheModelsLoadThen200() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    ClassifierServer server = ClassifierServer.builder().model("sentiment", ClassifierFixture.classifier())
        .port(port).build();
    CompletableFuture<ClassifierServer> started = CompletableFuture.supplyAsync(server::start);
    ServeClient client = new ServeClient(port);
    List<Integer> seen = new ArrayList<>();
    try {
      while (!started.isDone() || seen.isEmpty()) {
        try {
          int status = client.get("/health/ready").status();
          if (seen.isEmpty() || seen.get(seen.size() - 1) != status) {
            seen.add(status);
          }
        } catch (UncheckedIOException e) {
          Thread.sleep(1); // not bound yet
        }
      }
      started.get();
      int last = client.get("/health/ready").status();
      if (seen.get(seen.size() - 1) != last) {
        seen.add(last);
      }
      // Binding comes first and loading a MiniLM classifier takes far longer than one poll.
      assertEquals(List.of(503, 200), seen);
      assertEquals(200, client.get("/health/live").status());
    } finally {
      server.close();
    }
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
