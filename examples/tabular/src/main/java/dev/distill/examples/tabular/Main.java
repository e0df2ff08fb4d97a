package dev.distill.examples.tabular;

import dev.distill.annotations.Distill;
import dev.distill.runtime.Prediction;
import dev.distill.runtime.TabularClassifier;
import java.util.Arrays;
import java.util.List;

/**
 * Classifies the covertype rows given on the command line with the student bundled in this jar. Each argument is
 * a line of the covertype CSV: the 54 feature values in the model's {@code feature_names} order, optionally
 * followed by the row's gold label, which is printed beside the answer.
 */
public final class Main {

    /** Two rows of {@code ../shared/data/covertype/dev.csv} (its lines 2 and 4), for a run without arguments. */
    private static final List<String> DEV_ROWS = List.of(
            "3008,329,12,467,164,5340,190,225,174,5139,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,"
                    + "0,0,0,0,0,0,0,0,0,0,0,0,0,0,lodgepole-pine",
            "3392,212,9,1148,190,3094,213,249,172,1299,0,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,"
                    + "0,0,0,0,0,0,0,0,0,0,0,1,0,0,krummholz");

    private Main() {
    }

    public static void main(String[] args) {
        List<String> rows = args.length > 0 ? List.of(args) : DEV_ROWS;
        // TabularClassifier loads by name (the runtime's descriptor-class overload is TextClassifier's): the name
        // the descriptor declares, so the two cannot drift.
        String name = Covertype.class.getAnnotation(Distill.class).name();
        try (TabularClassifier classifier = TabularClassifier.load(name)) {
            int width = classifier.featureNames().size();
            for (String row : rows) {
                String[] fields = row.split(",", -1);
                if (fields.length != width && fields.length != width + 1) {
                    throw new IllegalArgumentException("a row has " + fields.length + " comma-separated values, "
                            + "expected the model's " + width + " features (optionally followed by the gold "
                            + "label): " + row);
                }
                Prediction p = classifier.predict(features(fields, width));
                String gold = fields.length > width ? "  (gold: " + fields[width] + ")" : "";
                System.out.printf("%-18s %.3f  Elevation %s%s%n", p.label(), p.score(), fields[0], gold);
            }
        }
    }

    private static float[] features(String[] fields, int width) {
        float[] features = new float[width];
        for (int i = 0; i < width; i++) {
            try {
                features[i] = Float.parseFloat(fields[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("value " + (i + 1) + " of the row " + Arrays.toString(fields)
                        + " is not a number: '" + fields[i] + "'", e);
            }
        }
        return features;
    }
}
