package dev.distill.runtime.cli;

import dev.distill.runtime.ImageClassifier;
import dev.distill.runtime.Prediction;
import dev.distill.runtime.TextClassifier;
import dev.distill.runtime.data.DataFileException;
import dev.distill.runtime.data.ImageFolderReader;
import dev.distill.runtime.data.LabeledImage;
import dev.distill.runtime.data.TextFileReader;
import dev.distill.runtime.data.TextRow;
import dev.distill.runtime.eval.ClassificationMetrics;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eval}: accuracy, macro-F1 and the confusion matrix on a labeled data file. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluates the model on a labeled TSV, CSV or JSONL file (labels as in id2label), or an image"
        + " model on a folder of class folders.")
final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ModelOptions model;

  @Mixin DataOptions input;

  @Option(names = "--label-column", defaultValue = TextFileReader.DEFAULT_LABEL_COLUMN, paramLabel = "<column>",
      description = "The label column (default: ${DEFAULT-VALUE}).")
  String labelColumn;

  @Option(names = "--json", description = "End with one JSON line: n, accuracy, macroF1, confusion.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (model.isImage()) {
      return evalImages(out);
    }
    List<TextRow> rows = new TextFileReader(input.textColumn, labelColumn).read(input.data);
    try (TextClassifier classifier = model.open()) {
      int[] gold = goldIndices(rows, classifier.labels());
      List<String> texts = new ArrayList<>(rows.size());
      rows.forEach(row -> texts.add(row.text()));
      long start = System.nanoTime();
      float[][] logits = classifier.logits(texts);
      double seconds = (System.nanoTime() - start) / 1e9;
      print(out, classifier.labels(), gold, logits, seconds, "texts");
    }
    return 0;
  }

  /** An image classifier on a folder of class folders (or a CSV of paths), labels through its label2id. */
  private Integer evalImages(PrintWriter out) {
    ImageInput.refuseTextOptions(spec, model.model);
    try (ImageClassifier classifier = model.openImages()) {
      List<LabeledImage> images = ImageFolderReader.read(input.data, classifier.config().label2id(), labelColumn);
      long start = System.nanoTime();
      float[][] logits = classifier.logits(classifier.preprocessing().pixels(
          images.stream().map(LabeledImage::file).toList()));
      double seconds = (System.nanoTime() - start) / 1e9;
      print(out, classifier.labels(), images.stream().mapToInt(LabeledImage::label).toArray(), logits, seconds,
          "images");
    }
    return 0;
  }

  private void print(PrintWriter out, List<String> labels, int[] gold, float[][] logits, double seconds,
    String unit) {
    int[] predicted = new int[logits.length];
    for (int i = 0; i < logits.length; i++) {
      predicted[i] = Prediction.argmax(logits[i]);
    }
    ClassificationMetrics metrics = ClassificationMetrics.of(labels, gold, predicted);
    out.printf("model:    %s%n", model.model);
    out.printf("data:     %s (n=%d)%n", input.data, metrics.n());
    out.printf("accuracy: %.4f%n", metrics.accuracy());
    out.printf("macro-F1: %.4f%n", metrics.macroF1());
    out.printf("time:     %.2f s (%.1f %s/s)%n", seconds, metrics.n() / seconds, unit);
    out.println("confusion matrix:");
    out.print(metrics.confusionTable());
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("n", metrics.n());
      result.put("accuracy", metrics.accuracy());
      result.put("macroF1", metrics.macroF1());
      result.put("labels", metrics.labels());
      result.put("confusion", metrics.confusion());
      result.put("seconds", seconds);
      JsonLine.print(out, result);
    }
  }

  private int[] goldIndices(List<TextRow> rows, List<String> labels) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      index.put(labels.get(i), i);
    }
    int[] gold = new int[rows.size()];
    for (int i = 0; i < gold.length; i++) {
      Integer id = index.get(rows.get(i).label());
      if (id == null) {
        throw new DataFileException(input.data, rows.get(i).line(), "label "
            + DataFileException.quote(rows.get(i).label()) + " is not one of the model's labels " + labels
            + " (id2label in config.json)");
      }
      gold[i] = id;
    }
    return gold;
  }
}
