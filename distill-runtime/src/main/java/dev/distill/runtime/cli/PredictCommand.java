package dev.distill.runtime.cli;

import dev.distill.runtime.Prediction;
import dev.distill.runtime.TextClassifier;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code predict}: classifies the texts given as arguments. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Classifies each TEXT; prints label, score and text per line.")
final class PredictCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ModelOptions model;

  @Option(names = "--json", description = "End with one JSON line: {\"predictions\": [...]}.")
  boolean json;

  @Parameters(arity = "1..*", paramLabel = "TEXT", description = "The texts to classify.")
  List<String> texts;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (TextClassifier classifier = model.open()) {
      List<Prediction> predictions = classifier.predictBatch(texts);
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int i = 0; i < texts.size(); i++) {
        Prediction p = predictions.get(i);
        out.printf("%s\t%.4f\t%s%n", p.label(), p.score(), texts.get(i));
        rows.add(row(texts.get(i), p, classifier.labels()));
      }
      if (json) {
        JsonLine.print(out, Map.of("predictions", rows));
      }
    }
    return 0;
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
