package dev.distill.runtime.cli;

import dev.distill.runtime.Prediction;
import dev.distill.runtime.TextClassifier;
import dev.distill.runtime.data.TextLines;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code predict}: classifies the texts given as arguments, or read from a file or standard input
 * ({@code --input}). More than a few texts belong in a file: a long command line costs every process that
 * reads it, and some native libraries have failed on one.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Classifies each TEXT, or each text of --input; prints label, score and text per line.",
        "For more than a few texts use --input FILE (or - for standard input): one text per line, or JSONL."})
final class PredictCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ModelOptions model;

  @Option(names = "--json", description = "End with one JSON line: {\"predictions\": [...]}.")
  boolean json;

  @Parameters(arity = "0..*", paramLabel = "TEXT", description = "The texts to classify.")
  List<String> texts = List.of();

  @Option(names = "--input", paramLabel = "<file|->",
      description = "Read the texts from a file, or from standard input with -: one text per line"
          + " (blank lines skipped), or JSONL for a .jsonl file or with --input-format JSONL.")
  String input;

  @Option(names = "--input-format", paramLabel = "<format>",
      description = "LINES or JSONL (default: JSONL for a .jsonl file, else LINES).")
  TextLines.Format inputFormat;

  @Option(names = "--text-column", paramLabel = "<key>",
      description = "JSONL: the key of the text (default: the first of text, sentence, content, review,"
          + " document). A line may also be a JSON string.")
  String textKey;

  @Override
  public Integer call() {
    if ((input == null) == texts.isEmpty()) {
      throw new ParameterException(spec.commandLine(), input == null
          ? "Give the texts to classify as arguments, or --input FILE (- for standard input)"
          : "Give the texts either as arguments or with --input, not both");
    }
    PrintWriter out = spec.commandLine().getOut();
    List<Map<String, Object>> rows = new ArrayList<>();
    try (TextClassifier classifier = model.open()) {
      if (input == null) {
        answer(classifier, texts, out, rows);
      } else {
        try (TextLines lines = openInput()) {
          for (List<String> chunk = lines.next(model.batch); !chunk.isEmpty(); chunk = lines.next(model.batch)) {
            answer(classifier, chunk, out, rows);
          }
        }
      }
      if (json) {
        JsonLine.print(out, Map.of("predictions", rows));
      }
    }
    return 0;
  }

  /** Classifies texts and prints a line each (flushed, so that texts piped in one by one get answers). */
  private void answer(TextClassifier classifier, List<String> chunk, PrintWriter out,
      List<Map<String, Object>> rows) {
    List<Prediction> predictions = classifier.predictBatch(chunk);
    for (int i = 0; i < chunk.size(); i++) {
      Prediction p = predictions.get(i);
      out.printf("%s\t%.4f\t%s%n", p.label(), p.score(), chunk.get(i));
      if (json) {
        rows.add(row(chunk.get(i), p, classifier.labels()));
      }
    }
    out.flush();
  }

  /** The texts of --input: a file, or standard input. */
  private TextLines openInput() {
    if (input.equals("-")) {
      return TextLines.of("<stdin>", System.in,
          inputFormat != null ? inputFormat : TextLines.Format.LINES, textKey);
    }
    Path file = Path.of(input);
    return TextLines.of(file, inputFormat != null ? inputFormat : TextLines.Format.of(file), textKey);
  }

  private static Map<String, Object> row(String text, Prediction p, List<String> labels) {
    Map<String, Float> probabilities = new LinkedHashMap<>();
    for (int c = 0; c < labels.size(); c++) {
      probabilities.put(labels.get(c), p.probabilities()[c]);
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("text", text);
    row.put("label", p.label());
    row.put("index", p.index());
    row.put("score", p.score());
    row.put("probabilities", probabilities);
    return row;
  }
}
