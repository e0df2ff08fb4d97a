package dev.distill.runtime.serve;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.distill.runtime.Prediction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The server's one {@link HttpHandler}: routes a request by method and path, turns an
 * {@link HttpError} into its JSON error answer, and counts every answer in the metrics.
 */
final class Routes implements HttpHandler {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
  private static final String JSON = "application/json; charset=utf-8";
  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
  private static final String MODELS = "/models";

  private final ServeLimits limits;
  private final ServerMetrics metrics;
  private final Supplier<List<ServedModel>> models; // empty until every model has loaded and warmed up
  private final AtomicInteger inFlight = new AtomicInteger();

  Routes(ServeLimits limits, ServerMetrics metrics, Supplier<List<ServedModel>> models) {
    this.limits = limits;
    this.metrics = metrics;
    this.models = models;
  }

  /** @return the exchanges being handled now */
  int inFlight() {
    return inFlight.get();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    inFlight.incrementAndGet();
    long start = System.nanoTime();
    String path = exchange.getRequestURI().getRawPath();
    boolean predict = path.endsWith("/predict");
    int status;
    try {
      status = route(exchange, path);
    } catch (HttpError error) {
      status = error.status();
      if (error.retryAfterSeconds() != null) {
        exchange.getResponseHeaders().set("Retry-After", error.retryAfterSeconds());
      }
      send(exchange, status, JSON, GSON.toJson(Map.of("error", error.getMessage())));
    } catch (RuntimeException e) {
      status = 500;
      send(exchange, status, JSON, GSON.toJson(Map.of("error", "internal error: " + e
          + "; this is a bug in the server or the model, please report it")));
    } finally {
      inFlight.decrementAndGet();
      exchange.close();
    }
    metrics.answered(status);
    if (predict) {
      metrics.predictLatency(System.nanoTime() - start);
    }
  }

  private int route(HttpExchange exchange, String path) throws IOException {
    switch (path) {
      case "/predict":
        requireMethod(exchange, "POST");
        return predict(exchange, onlyModel());
      case MODELS:
        requireMethod(exchange, "GET");
        return send(exchange, 200, JSON, GSON.toJson(Map.of("models", describeModels())));
      case "/health/live":
        requireMethod(exchange, "GET");
        return send(exchange, 200, JSON, "{\"status\":\"live\"}");
      case "/health/ready":
        requireMethod(exchange, "GET");
        return loaded().isEmpty()
            ? send(exchange, 503, JSON, "{\"status\":\"loading\"}")
            : send(exchange, 200, JSON, "{\"status\":\"ready\"}");
      case "/metrics":
        requireMethod(exchange, "GET");
        return send(exchange, 200, PROMETHEUS, metrics.scrape(models.get()));
      default:
        if (path.startsWith(MODELS + "/") && path.endsWith("/predict")) {
          String name = path.substring(MODELS.length() + 1, path.length() - "/predict".length());
          requireMethod(exchange, "POST");
          return predict(exchange, model(name));
        }
        throw new HttpError(404, "no such path: " + path + "; the paths are POST /predict, POST"
            + " /models/{name}/predict, GET /models, GET /health/live, GET /health/ready and GET /metrics");
    }
  }

  private int predict(HttpExchange exchange, ServedModel model) throws IOException {
    PredictRequest request;
    model.batcher().arriving();
    try {
      request = PredictRequest.parse(readBody(exchange), limits);
    } catch (IOException | RuntimeException e) {
      model.batcher().cancel();
      throw e;
    }
    float[][] logits;
    try {
      logits = model.batcher().submit(request.texts()).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw HttpError.unavailable("the server is shutting down", 1);
    } catch (ExecutionException | CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e);
    }
    List<String> labels = model.classifier().labels();
    List<List<Map<String, Object>>> answers = new ArrayList<>(logits.length);
    for (float[] row : logits) {
      answers.add(scores(Prediction.fromLogits(row, labels), labels, request.all()));
    }
    return send(exchange, 200, JSON, GSON.toJson(request.single() ? answers.get(0) : answers));
  }

  /** The best label, or with {@code all} every label by descending score (as TEI answers). */
  private static List<Map<String, Object>> scores(Prediction p, List<String> labels, boolean all) {
    if (!all) {
      return List.of(score(p.label(), p.score()));
    }
    List<Map<String, Object>> scores = new ArrayList<>(labels.size());
    for (int c = 0; c < labels.size(); c++) {
      scores.add(score(labels.get(c), p.probabilities()[c]));
    }
    scores.sort(Comparator.comparing(s -> -(Float) s.get("score")));
    return scores;
  }

  private static Map<String, Object> score(String label, float score) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("label", label);
    entry.put("score", score);
    return entry;
  }

  private List<Map<String, Object>> describeModels() {
    List<Map<String, Object>> described = new ArrayList<>();
    for (ServedModel model : loaded()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", model.name());
      entry.put("labels", model.classifier().labels());
      entry.put("max_length", model.classifier().maxLength());
      // Metrics and provenance written by the distill build, when config.json has them.
      model.classifier().config().distill()
          .ifPresent(distill -> entry.put("distill", GSON.fromJson(distill, Map.class)));
      described.add(entry);
    }
    return described;
  }

  private List<ServedModel> loaded() {
    return models.get();
  }

  private ServedModel onlyModel() {
    List<ServedModel> served = requireLoaded();
    if (served.size() != 1) {
      throw new HttpError(400, "POST /predict needs exactly one served model, but this server"
          + " serves " + served.size() + ": " + names(served) + "; use POST /models/{name}/predict");
    }
    return served.get(0);
  }

  private ServedModel model(String name) {
    List<ServedModel> served = requireLoaded();
    for (ServedModel model : served) {
      if (model.name().equals(name)) {
        return model;
      }
    }
    throw new HttpError(404, "no model named '" + name + "'; this server serves " + names(served)
        + " (see GET /models)");
  }

  private List<ServedModel> requireLoaded() {
    List<ServedModel> served = loaded();
    if (served.isEmpty()) {
      throw HttpError.unavailable("the models are still loading; retry after the Retry-After"
          + " seconds (GET /health/ready answers 200 once they are ready)", 1);
    }
    return served;
  }

  private static List<String> names(List<ServedModel> models) {
    return models.stream().map(ServedModel::name).toList();
  }

  private static void requireMethod(HttpExchange exchange, String method) {
    if (!exchange.getRequestMethod().equals(method)) {
      exchange.getResponseHeaders().set("Allow", method);
      throw new HttpError(405, exchange.getRequestMethod() + " is not allowed on "
          + exchange.getRequestURI().getRawPath() + "; use " + method);
    }
  }

  /** Reads at most maxBodyBytes; a larger body is refused without reading it all. */
  private byte[] readBody(HttpExchange exchange) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        throw new HttpError(400, "Content-Length is not a number: " + declared);
      }
      if (length > limits.maxBodyBytes()) {
        throw tooLarge(length);
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(limits.maxBodyBytes() + 1);
      if (body.length > limits.maxBodyBytes()) {
        throw tooLarge(-1);
      }
      return body;
    }
  }

  private HttpError tooLarge(long length) {
    return new HttpError(413, "the request body " + (length >= 0 ? "has " + length + " bytes, " : "is ")
        + "more than the limit of " + limits.maxBodyBytes() + " bytes; send fewer or shorter texts"
        + " per request, or raise --max-body-bytes");
  }

  private static int send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    return status;
  }
}
