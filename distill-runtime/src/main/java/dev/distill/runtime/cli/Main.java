package dev.distill.runtime.cli;

import dev.distill.runtime.ModelLoadException;
import dev.distill.runtime.data.DataFileException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code distill-runtime} command line: {@code predict}, {@code eval}, {@code bench} and
 * {@code serve} on a classifier folder or a jar that packages one.
 *
 * <p>Exit codes: 0 success, 2 usage error, 1 failure (with a message on stderr). With
 * {@code --json}, the last line printed is one JSON object.
 */
@Command(
    name = "distill-runtime",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {"Serves a distill text classifier (model.onnx, tokenizer.json, config.json).",
        "predict, eval and bench also take an image classifier, a folder or in a jar (model.onnx, config.json,"
            + " preprocessor_config.json) and image files."},
    subcommands = {PredictCommand.class, EvalCommand.class, BenchCommand.class, ServeCommand.class})
public final class Main implements Runnable {
  /** Exit code of a failure. */
  public static final int FAILURE = 1;
  /** Exit code of a usage error. */
  public static final int USAGE = 2;

  @Spec CommandSpec spec;

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    // DJL logs through SLF4J, and the -cli jar has no SLF4J backend: without this, SLF4J warns
    // about that on stderr, which is for errors only.
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
    // Nothing is ever downloaded: models and tokenizers come from local files.
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    System.exit(run(out, err, args));
  }

  /**
   * Runs the command line in this JVM.
   *
   * @param out standard output
   * @param err standard error
   * @param args the arguments
   * @return the exit code: 0 ok, 1 failure, 2 usage error
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
      reportFailure(exception, line.getErr());
      return FAILURE;
    });
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing a command: predict, eval, bench or serve");
  }

  private static void reportFailure(Exception exception, PrintWriter err) {
    if (exception instanceof ModelLoadException || exception instanceof DataFileException
        || exception instanceof IllegalArgumentException) {
      err.println("error: " + exception.getMessage());
    } else {
      // Unexpected: the stack trace is the useful part.
      err.println("error: " + exception);
      exception.printStackTrace(err);
    }
    err.flush();
  }

  /** Reads the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"distill-runtime " + (version != null ? version : "(development build)")};
    }
  }
}
