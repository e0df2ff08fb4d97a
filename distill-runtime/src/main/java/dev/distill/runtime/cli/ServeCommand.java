package dev.distill.runtime.cli;

import dev.distill.runtime.ClassifierOptions;
import dev.distill.runtime.ModelLocator;
import dev.distill.runtime.serve.ClassifierServer;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: serves one or more classifiers over HTTP ({@link ClassifierServer}) until the
 * process is stopped; SIGTERM (or Ctrl-C) stops it gracefully and exits 0.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serves classifiers over HTTP/1.1 with JSON and dynamic batching:",
        "POST /predict, POST /models/{name}/predict, GET /models, GET /health/live,",
        "GET /health/ready, GET /metrics. SIGTERM stops it gracefully (exit 0)."})
final class ServeCommand implements Callable<Integer> {
  /** NAME=PATH, the name as a served model's name may be spelled. */
  private static final Pattern NAMED = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]*)=(.+)");

  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "<[name=]folder|jar>",
      description = {"A classifier folder, or a jar holding META-INF/distill/<name>/; repeat it to"
          + " serve several. Served as its folder's name (a jar: its model's name) unless"
          + " given as NAME=PATH; a jar holding several models needs NAME=JAR, NAME choosing one."})
  List<String> models;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "<address>",
      description = "The address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
  String host;

  @Option(names = "--port", defaultValue = "8080", paramLabel = "<port>",
      description = "The port, 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--max-batch", defaultValue = "" + ClassifierServer.Builder.DEFAULT_MAX_BATCH,
      paramLabel = "<texts>", description = "The most texts per ONNX Runtime call; 1 turns batching off,"
          + " best for transformer models on a CPU (default: ${DEFAULT-VALUE}).")
  int maxBatch;

  @Option(names = "--max-delay-ms", defaultValue = "2", paramLabel = "<ms>",
      description = "How long a call waits for others to batch with (default: ${DEFAULT-VALUE}).")
  int maxDelayMs;

  @Option(names = "--max-body-bytes", defaultValue = "1048576", paramLabel = "<bytes>",
      description = "The largest request body; larger gets 413 (default: ${DEFAULT-VALUE}).")
  int maxBodyBytes;

  @Option(names = "--max-texts", defaultValue = "64", paramLabel = "<n>",
      description = "The most texts per request; more gets 413 (default: ${DEFAULT-VALUE}).")
  int maxTexts;

  @Option(names = "--max-text-chars", defaultValue = "100000", paramLabel = "<chars>",
      description = "The longest text; longer gets 413 (default: ${DEFAULT-VALUE}).")
  int maxTextChars;

  @Option(names = "--queue-capacity", defaultValue = "256", paramLabel = "<calls>",
      description = "Predict calls that may wait per model; more get 503 (default: ${DEFAULT-VALUE}).")
  int queueCapacity;

  @Option(names = "--threads", defaultValue = "1", paramLabel = "<n>",
      description = "ONNX Runtime intra-op threads per model (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--http-threads", defaultValue = "16", paramLabel = "<n>",
      description = "HTTP handler threads; they bound the requests batched together (default: ${DEFAULT-VALUE}).")
  int httpThreads;

  @Option(names = "--max-length", paramLabel = "<tokens>",
      description = "Maximum tokens per text (default: config.json's max_length, else 128).")
  Integer maxLength;

  @Override
  public Integer call() throws InterruptedException {
    ClassifierServer server = configure().build().start();
    PrintWriter out = spec.commandLine().getOut();
    out.printf("serving %s on http://%s:%d (POST /predict, GET /models, /health/ready, /metrics)%n",
        server.models(), host, server.port());
    out.flush();
    // SIGTERM runs the shutdown hooks: close gracefully, then exit 0 (the JVM's own exit code for a
    // signal is 143), as a service manager expects of a clean stop.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      out.println("stopped");
      out.flush();
      Runtime.getRuntime().halt(0);
    }, "distill-serve-shutdown"));
    new CountDownLatch(1).await(); // until the signal
    return 0;
  }

  private ClassifierServer.Builder configure() {
    ClassifierServer.Builder builder = ClassifierServer.builder();
    try {
      builder.host(InetAddress.getByName(host)).port(port).maxBatch(maxBatch).maxDelayMs(maxDelayMs)
          .maxBodyBytes(maxBodyBytes).maxTexts(maxTexts).maxTextChars(maxTextChars)
          .queueCapacity(queueCapacity).threads(httpThreads);
      ClassifierOptions.Builder options = ClassifierOptions.builder().intraOpThreads(threads)
          .batchSize(ClassifierServer.inferenceBatch(Math.max(1, maxBatch)));
      if (maxLength != null) {
        options.maxLength(maxLength);
      }
      builder.classifierOptions(options.build());
      for (String model : models) {
        addModel(builder, model);
      }
    } catch (UnknownHostException e) {
      throw new ParameterException(spec.commandLine(), "--host " + host + " is not a known address"
          + " (" + e.getMessage() + "); use an IP address such as 127.0.0.1 or 0.0.0.0");
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    return builder;
  }

  private void addModel(ClassifierServer.Builder builder, String spec) {
    Matcher named = NAMED.matcher(spec);
    Path path = Path.of(spec);
    String name = null;
    if (!Files.exists(path) && named.matches()) {
      name = named.group(1);
      path = Path.of(named.group(2));
    }
    if (!Files.exists(path)) {
      throw new IllegalArgumentException("--model " + spec + ": no such folder or jar " + path
          + "; give a classifier folder or a jar, optionally as NAME=PATH");
    }
    if (name == null) {
      name = Files.isDirectory(path) ? String.valueOf(path.toAbsolutePath().normalize().getFileName())
          : onlyModel(path, spec);
    }
    builder.model(name, path);
  }

  private static String onlyModel(Path jar, String spec) {
    List<String> names = ModelLocator.modelNames(jar);
    if (names.size() != 1) {
      throw new IllegalArgumentException("--model " + spec + " holds " + names.size() + " models "
          + names + "; choose one and name it with --model NAME=" + spec);
    }
    return names.get(0);
  }
}
