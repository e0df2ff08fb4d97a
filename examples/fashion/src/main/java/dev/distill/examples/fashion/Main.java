package dev.distill.examples.fashion;

import dev.distill.annotations.Distill;
import dev.distill.runtime.ImageClassifier;
import dev.distill.runtime.Prediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Classifies the images given on the command line (28x28 8-bit grayscale PNG or JPEG files) with the student
 * bundled in this jar, in one batch.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: java -jar target/fashion.jar image.png ...  (28x28 grayscale images)");
            System.exit(2);
        }
        List<Path> images = List.of(args).stream().map(Path::of).toList();
        for (Path image : images) {
            if (!Files.isRegularFile(image)) {
                throw new IllegalArgumentException("no image file at " + image.toAbsolutePath()
                        + ": give the paths of 28x28 grayscale PNG or JPEG files");
            }
        }
        // ImageClassifier loads by name: the name the descriptor declares, so the two cannot drift.
        String name = Fashion.class.getAnnotation(Distill.class).name();
        try (ImageClassifier classifier = ImageClassifier.load(name)) {
            List<Prediction> predictions = classifier.predictBatch(images);
            for (int i = 0; i < images.size(); i++) {
                Prediction p = predictions.get(i);
                System.out.printf("%-11s %.3f  %s%n", p.label(), p.score(), images.get(i));
            }
        }
    }
}
