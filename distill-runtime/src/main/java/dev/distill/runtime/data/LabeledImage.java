package dev.distill.runtime.data;

import java.nio.file.Path;

/**
 * One image of a labelled image set: its file and its class, as an index into the model's labels.
 *
 * @param file the image file
 * @param label the index of its class in the model's {@code id2label}
 * @param location where the label came from, for messages: the class folder, or the CSV file and line
 */
public record LabeledImage(Path file, int label, String location) {
}
