package dev.distill.runtime.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The data file options of {@code eval} and {@code bench}. */
final class DataOptions {
  @Option(names = "--data", required = true, paramLabel = "<file>",
      description = "A .tsv or .csv file with a header line, or a .jsonl file; for an image model a folder of"
          + " class folders (<class>/<file>.png) or a .csv of path and label (bench: any folder of images, or a .csv"
          + " with a path column).")
  Path data;

  @Option(names = "--text-column", paramLabel = "<column>",
      description = "The text column (default: the first of text, sentence, content, review, document).")
  String textColumn;
}
