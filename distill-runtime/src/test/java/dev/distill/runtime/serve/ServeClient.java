package dev.distill.runtime.serve;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A real HTTP/1.1 client (the JDK's) for a server on loopback. */
final class ServeClient {
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();

  private final int port;

  ServeClient(int port) {
    this.port = port;
  }

  /** An answer: status, Retry-After (or null), body. */
  record Answer(int status, String retryAfter, String allow, String body) {
    JsonElement json() {
      return JsonParser.parseString(body);
    }

    /** @return the {"error": ...} message */
    String error() {
      return json().getAsJsonObject().get("error").getAsString();
    }
  }

  Answer get(String path) {
    return send("GET", path, null);
  }

  Answer post(String path, String json) {
    return send("POST", path, json.getBytes(StandardCharsets.UTF_8));
  }

  Answer send(String method, String path, byte[] body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofMinutes(2))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    try {
      HttpResponse<String> response = CLIENT.send(request,
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(response.statusCode(),
          response.headers().firstValue("Retry-After").orElse(null),
          response.headers().firstValue("Allow").orElse(null), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** @return a JSON string literal for a text */
  static String quote(String text) {
    return new com.google.gson.JsonPrimitive(text).toString();
  }
}
