package dev.distill.examples.sentiment;

import dev.distill.runtime.Prediction;
import dev.distill.runtime.TextClassifier;
import java.util.List;
import java.util.Map;

/** Classifies the sentences given on the command line with the student bundled in this jar. */
public final class Main {

    private static final Map<String, String> SST2_LABELS = Map.of("0", "negative", "1", "positive");

    private Main() {
    }

    public static void main(String[] args) {
        List<String> texts = args.length > 0 ? List.of(args)
                : List.of("a gorgeous , witty , seductive movie .", "the plot is nothing but boilerplate clichés .");
        try (TextClassifier classifier = TextClassifier.load(Sentiment.class)) {
            List<Prediction> predictions = classifier.predictBatch(texts);
            for (int i = 0; i < texts.size(); i++) {
                Prediction p = predictions.get(i);
                System.out.printf("%-8s %.3f  %s%n", SST2_LABELS.getOrDefault(p.label(), p.label()), p.score(),
                        texts.get(i));
            }
        }
    }
}
