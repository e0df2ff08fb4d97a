package dev.distill.runtime.cli;

import dev.distill.runtime.ImageClassifier;
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
 * ({@code --input}); for an image classifier folder, the image files given as arguments, or listed by
 * {@code --input} (a folder, a CSV of paths, or paths on standard input). More than a few texts belong in a file:
 * a long command line costs every process that reads it, and some native libraries have failed on one.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Classifies each TEXT, or each text of --input; prints label, score and text per line.",
        "For more than a few texts use --input FILE (or - for standard input): one text per line, or JSONL.",
        "For an image classifier (a folder or a jar's model with preprocessor_config.json), each argument is an"
            + " image file (PNG or JPEG), and --input is a folder (its images at any depth, sorted by path), a .csv"
            + " with a path column or a .txt of one path per line (both relative to the file's folder), or - for"
            + " one path per line; prints label, score and path."})
final class PredictCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ModelOptions model;

  @Option(names = "--json", description = "End with one JSON line: {\"predictions\": [...]}.")
  boolean json;

  @Parameters(arity = "0..*", paramLabel = "TEXT|IMAGE", description = "The texts (or image files) to classify.")
  List<String> texts = List.of();

  @Option(names = "--input", paramLabel = "<file|folder|->",
      description = "Read the texts from a file, or from standard input with -: one text per line"
          + " (blank lines skipped), or JSONL for a .jsonl file or with --input-format JSONL. For an image model:"
          + " a folder of images, a .csv with a path column, a .txt or - for one image path per line.")
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
          ? "Give the texts (or image files) to classify as arguments, or --input FILE (- for standard input)"
          : "Give the texts either as arguments or with --input, not both");
    }
    PrintWriter out = spec.commandLine().getOut();
    List<Map<String, Object>> rows = new ArrayList<>();
    if (model.isImage()) {
      predictImages(out, rows);
    } else {
      predictTexts(out, rows);
    }
    if (json) {
      JsonLine.print(out, Map.of("predictions", rows));
    }
    return 0;
  }

  private void predictTexts(PrintWriter out, List<Map<String, Object>> rows) {
    try (TextClassifier classifier = model.open()) {
      if (input == null) {
        answer(classifier.predictBatch(texts), texts, "text", classifier.labels(), out, rows);
      } else {
        try (TextLines lines = openInput()) {
          for (List<String> chunk = lines.next(model.batch); !chunk.isEmpty(); chunk = lines.next(model.batch)) {
            answer(classifier.predictBatch(chunk), chunk, "text", classifier.labels(), out, rows);
          }
        }
      }
    }
  }

  private void predictImages(PrintWriter out, List<Map<String, Object>> rows) {
    ImageInput.refuseTextOptions(spec, model.model);
    if (inputFormat == TextLines.Format.JSONL) {
      throw ImageInput.textOption(spec, model.model, "--input-format JSONL");
    }
    try (ImageInput images = input == null ? ImageInput.ofArguments(texts) : ImageInput.of(input, System.in);
        ImageClassifier classifier = model.openImages()) {
      for (List<Path> chunk = images.next(model.batch); !chunk.isEmpty(); chunk = images.next(model.batch)) {
        answer(classifier.predictBatch(chunk), chunk.stream().map(Path::toString).toList(), "image",
            classifier.labels(), out, rows);
      }
    }
  }

  /**
   * Prints a line per input (flushed, so that inputs piped in one by one get answers) and keeps its JSON row.
   *
   * @param inputs the texts or image paths, as printed
   * @param key what the JSON row calls the input: text or image
   */
  private void answer(List<Prediction> predictions, List<String> inputs, String key, List<String> labels,
      PrintWriter out, List<Map<String, Object>> rows) {
    for (int i = 0; i < inputs.size(); i++) {
      Prediction p = predictions.get(i);
      out.printf("%s\t%.4f\t%s%n", p.label(), p.score(), inputs.get(i));
      if (json) {
        rows.add(row(key, inputs.get(i), p, labels));
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

  private static Map<String, Object> row(String key, String input, Prediction p, List<String> labels) {
    Map<String, Float> probabilities = new LinkedHashMap<>();
    for (int c = 0; c < labels.size(); c++) {
      probabilities.put(labels.get(c), p.probabilities()[c]);
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put(key, input);
    row.put("label", p.label());
    row.put("index", p.index());
    row.put("score", p.score());
    row.put("probabilities", probabilities);
    return row;
  }
}
