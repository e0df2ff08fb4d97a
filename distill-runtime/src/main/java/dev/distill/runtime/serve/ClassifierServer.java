package dev.distill.runtime.serve;

import com.sun.net.httpserver.HttpServer;
import dev.distill.runtime.ClassifierOptions;
import dev.distill.runtime.ModelLocator;
import dev.distill.runtime.TextClassifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Serves text classifiers over HTTP/1.1 with JSON, on the JDK's built-in
 * {@code com.sun.net.httpserver} (no dependency beyond the runtime's own), with dynamic batching:
 * concurrent predict calls for one model are answered by one ONNX Runtime call.
 *
 * <pre>{@code
 * try (ClassifierServer server = ClassifierServer.builder()
 *     .model("sentiment", Path.of("target/distill/sentiment"))
 *     .port(8080)
 *     .build()
 *     .start()) {
 *   // POST http://127.0.0.1:8080/predict {"inputs": "a gripping film"}
 * }
 * }</pre>
 *
 * <p>Endpoints: {@code POST /predict} (when exactly one model is served),
 * {@code POST /models/{name}/predict}, {@code GET /models}, {@code GET /health/live},
 * {@code GET /health/ready} and {@code GET /metrics} (Prometheus); README "Serving over HTTP"
 * documents the bodies, answers and errors.
 *
 * <p>Life cycle: {@link #start()} binds the port, then loads the models given by path and makes
 * one warm-up call on every model; {@code /health/ready} answers 503 until then, 200 after.
 * {@link #close()} is graceful: it stops accepting connections, lets the requests in flight
 * finish (up to {@link Builder#shutdownGraceSeconds}), answers the queued predict calls, then
 * closes the models it loaded. Models given as {@link TextClassifier} instances stay open: their
 * owner closes them.
 */
public final class ClassifierServer implements AutoCloseable {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  /** The JDK server's switch for TCP_NODELAY, read once when its first server is made. */
  static final String NODELAY = "sun.net.httpserver.nodelay";

  static {
    // Off by default: the headers and the body of an answer then go out as separate small
    // segments, and Nagle's algorithm meeting the client's delayed ACK holds the second one back
    // about 40 ms, every request (measured: p50 50 ms for a 0.3 ms model). A user's own setting wins.
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
  }

  private final Builder settings;
  private final ServerMetrics metrics = new ServerMetrics();
  private volatile List<ServedModel> served = List.of();
  private HttpServer http;
  private ExecutorService handlers;
  private Routes routes;
  private boolean closed;

  private ClassifierServer(Builder settings) {
    this.settings = settings;
  }

  /** @return a builder with the defaults: loopback, port 8080, batches of up to 8 texts */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the port, loads the models given by path and warms every model up.
   *
   * @return this server, answering
   * @throws UncheckedIOException if the port cannot be bound
   * @throws dev.distill.runtime.ModelLoadException if a model cannot be loaded (the server is
   *     closed again)
   * @throws IllegalStateException if already started
   */
  public synchronized ClassifierServer start() {
    if (http != null || closed) {
      throw new IllegalStateException("ClassifierServer.start() may be called once");
    }
    ServeLimits limits = new ServeLimits(settings.maxBodyBytes, settings.maxTexts,
        settings.maxTextChars);
    routes = new Routes(limits, metrics, () -> served);
    try {
      http = HttpServer.create(new InetSocketAddress(settings.host, settings.port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot listen on " + settings.host.getHostAddress() + ":"
          + settings.port + " (" + e.getMessage() + "); choose another --port, or 0 for any free one", e);
    }
    handlers = Executors.newFixedThreadPool(settings.threads, named("distill-http-"));
    http.setExecutor(handlers);
    http.createContext("/", routes);
    http.start();
    try {
      served = List.copyOf(loadAndWarmUp());
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    return this;
  }

  private List<ServedModel> loadAndWarmUp() {
    List<ServedModel> models = new ArrayList<>();
    try {
      for (Map.Entry<String, Object> entry : settings.models.entrySet()) {
        String name = entry.getKey();
        boolean owned = entry.getValue() instanceof Path;
        TextClassifier classifier = owned ? open((Path) entry.getValue(), name)
            : (TextClassifier) entry.getValue();
        Batcher batcher = new Batcher(name, classifier, settings.maxBatch, settings.maxDelayMs,
            settings.queueCapacity, metrics.batchSizes(name));
        models.add(new ServedModel(name, classifier, owned, batcher));
        classifier.logits(List.of("warm-up")); // the first inference allocates ONNX Runtime's buffers
      }
    } catch (RuntimeException e) {
      release(models);
      throw e;
    }
    return models;
  }

  /** A folder, or a jar: its only model, or the one called {@code name} when it holds several. */
  private TextClassifier open(Path path, String name) {
    ClassifierOptions options = settings.classifierOptions != null ? settings.classifierOptions
        : ClassifierOptions.builder().batchSize(inferenceBatch(settings.maxBatch)).build();
    String inJar = Files.isRegularFile(path) && ModelLocator.modelNames(path).size() > 1 ? name : null;
    return ModelLocator.open(path, inJar, options);
  }

  /**
   * @param maxBatch the server's max batch
   * @return the {@link ClassifierOptions#batchSize()} for a served model: at least the max batch,
   *     so that a batch is one inference, and at least the default, for requests of many texts
   */
  public static int inferenceBatch(int maxBatch) {
    return Math.max(maxBatch, ClassifierOptions.DEFAULT_BATCH_SIZE);
  }

  /** @return the port the server listens on (the one chosen when the builder said 0) */
  public synchronized int port() {
    if (http == null) {
      throw new IllegalStateException("the server is not started: call start() first");
    }
    return http.getAddress().getPort();
  }

  /** @return the names of the served models, in the order they were added */
  public List<String> models() {
    return List.copyOf(settings.models.keySet());
  }

  /**
   * Stops gracefully: no new connections, the requests in flight finish, then the models this
   * server loaded are closed. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (http != null) {
      // JDK 17's stop(n) waits the whole n seconds when no exchange is open (JDK-8304065), and
      // returns as soon as the last one ends when some are.
      http.stop(routes.inFlight() > 0 ? settings.shutdownGraceSeconds : 0);
      handlers.shutdown();
      try {
        handlers.awaitTermination(settings.shutdownGraceSeconds, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    List<ServedModel> models = served;
    served = List.of();
    release(models);
  }

  private static void release(List<ServedModel> models) {
    for (ServedModel model : models) {
      model.batcher().close();
      if (model.owned()) {
        model.classifier().close();
      }
    }
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Settings of a {@link ClassifierServer}; every setter checks its value at once. */
  public static final class Builder {
    /** The default port. */
    public static final int DEFAULT_PORT = 8080;
    /**
     * The default {@link #maxBatch}: in {@code bench/serve}, 8 served distill's int8 student at 64
     * clients 1.7 times as fast as no batching, and faster than 32 (a batch is padded to its
     * longest text).
     */
    public static final int DEFAULT_MAX_BATCH = 8;

    private final Map<String, Object> models = new LinkedHashMap<>();
    private InetAddress host = InetAddress.getLoopbackAddress();
    private int port = DEFAULT_PORT;
    private int maxBatch = DEFAULT_MAX_BATCH;
    private long maxDelayMs = 2;
    private int maxBodyBytes = 1 << 20;
    private int maxTexts = 64;
    private int maxTextChars = 100_000;
    private int queueCapacity = 256;
    private int threads = 16;
    private int shutdownGraceSeconds = 30;
    private ClassifierOptions classifierOptions;

    private Builder() {}

    /**
     * Serves a loaded classifier; the server does not close it.
     *
     * @param name its name in {@code /models/{name}/predict}
     * @param classifier the classifier
     * @return this builder
     */
    public Builder model(String name, TextClassifier classifier) {
      models.put(checkName(name), Objects.requireNonNull(classifier, "classifier"));
      return this;
    }

    /**
     * Serves a classifier folder, or a jar holding {@code META-INF/distill/<name>/} (its only
     * model, or the one called {@code name}); loaded by {@link #start}, closed by {@link #close}.
     *
     * @param name its name in {@code /models/{name}/predict}
     * @param folderOrJar the folder or jar
     * @return this builder
     */
    public Builder model(String name, Path folderOrJar) {
      models.put(checkName(name), Objects.requireNonNull(folderOrJar, "folderOrJar"));
      return this;
    }

    /**
     * @param address the address to listen on (default loopback; {@code 0.0.0.0} for all)
     * @return this builder
     */
    public Builder host(InetAddress address) {
      this.host = Objects.requireNonNull(address, "host");
      return this;
    }

    /**
     * @param port the port, 0 for any free one (see {@link ClassifierServer#port()})
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is not a TCP port: use 0..65535"
            + " (0 for any free one)");
      }
      this.port = port;
      return this;
    }

    /**
     * @param texts the most texts per ONNX Runtime call (1 turns batching off), default
     *     {@value #DEFAULT_MAX_BATCH}; a batch is padded to its longest text, so on a CPU
     *     transformer models (a teacher) are served best with 1
     * @return this builder
     */
    public Builder maxBatch(int texts) {
      this.maxBatch = atLeast("max batch", texts, 1);
      return this;
    }

    /**
     * @param ms how long the batcher waits after a call's arrival for others to batch with it
     *     (0: only those already waiting), default 2
     * @return this builder
     */
    public Builder maxDelayMs(long ms) {
      this.maxDelayMs = atLeast("max delay (ms)", (int) Math.min(ms, Integer.MAX_VALUE), 0);
      return this;
    }

    /**
     * @param bytes the largest request body (413 beyond), default 1 MiB
     * @return this builder
     */
    public Builder maxBodyBytes(int bytes) {
      this.maxBodyBytes = atLeast("max body bytes", bytes, 16);
      return this;
    }

    /**
     * @param texts the most texts per request (413 beyond), default 64
     * @return this builder
     */
    public Builder maxTexts(int texts) {
      this.maxTexts = atLeast("max texts", texts, 1);
      return this;
    }

    /**
     * @param chars the longest text in UTF-16 chars (413 beyond), default 100,000
     * @return this builder
     */
    public Builder maxTextChars(int chars) {
      this.maxTextChars = atLeast("max text chars", chars, 1);
      return this;
    }

    /**
     * @param calls the predict calls that may wait per model (503 with Retry-After beyond),
     *     default 256
     * @return this builder
     */
    public Builder queueCapacity(int calls) {
      this.queueCapacity = atLeast("queue capacity", calls, 1);
      return this;
    }

    /**
     * @param threads HTTP handler threads, default 16; they mostly wait for the batcher, and
     *     bound how many requests can be batched together
     * @return this builder
     */
    public Builder threads(int threads) {
      this.threads = atLeast("threads", threads, 1);
      return this;
    }

    /**
     * @param seconds how long {@link ClassifierServer#close()} waits for requests in flight,
     *     default 30
     * @return this builder
     */
    public Builder shutdownGraceSeconds(int seconds) {
      this.shutdownGraceSeconds = atLeast("shutdown grace (s)", seconds, 0);
      return this;
    }

    /**
     * @param options how the models given by path run (ONNX Runtime intra-op threads, max
     *     length, ...); default: {@link ClassifierOptions#defaults()} with a batch size of
     *     {@link ClassifierServer#inferenceBatch}
     * @return this builder
     */
    public Builder classifierOptions(ClassifierOptions options) {
      this.classifierOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * @return the server, not yet started
     * @throws IllegalStateException if no model was added
     */
    public ClassifierServer build() {
      if (models.isEmpty()) {
        throw new IllegalStateException("a ClassifierServer needs at least one model: add one"
            + " with model(name, folderOrJar) or model(name, classifier)");
      }
      Builder copy = new Builder();
      copy.models.putAll(models);
      copy.host = host;
      copy.port = port;
      copy.maxBatch = maxBatch;
      copy.maxDelayMs = maxDelayMs;
      copy.maxBodyBytes = maxBodyBytes;
      copy.maxTexts = maxTexts;
      copy.maxTextChars = maxTextChars;
      copy.queueCapacity = queueCapacity;
      copy.threads = threads;
      copy.shutdownGraceSeconds = shutdownGraceSeconds;
      copy.classifierOptions = classifierOptions;
      return new ClassifierServer(copy);
    }

    private String checkName(String name) {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("invalid model name '" + name + "': use letters,"
            + " digits, '.', '_' and '-' (it is part of the URL /models/{name}/predict)");
      }
      if (models.containsKey(name)) {
        throw new IllegalArgumentException("two models are named '" + name + "': give each a"
            + " name of its own (--model NAME=DIR)");
      }
      return name;
    }

    private static int atLeast(String setting, int value, int min) {
      if (value < min) {
        throw new IllegalArgumentException(setting + " must be at least " + min + ", got " + value);
      }
      return value;
    }
  }
}
