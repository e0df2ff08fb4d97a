package dev.distill.runtime.cli;

import dev.distill.runtime.data.DataFileException;
import dev.distill.runtime.data.ImageFolderReader;
import dev.distill.runtime.data.TextLines;
import java.io.Closeable;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The image files a command reads for an image classifier: given as arguments, listed from a folder or a CSV
 * ({@link ImageFolderReader#listImages}), or read as one path per line from a {@code .txt} file or standard
 * input, and handed out
 * in chunks. Each path is checked to be a file before any is classified, so that a typo fails fast, naming it;
 * whether a file is an image is the decoder's to say ({@code ImagePreprocessing}, naming the file).
 */
final class ImageInput implements Closeable {
  private final List<Path> listed;
  private final TextLines lines;
  private final Path base; // what the paths of lines are relative to
  private final String source; // where lines come from, for messages
  private int next;

  private ImageInput(List<Path> listed, TextLines lines, Path base, String source) {
    this.listed = listed;
    this.lines = lines;
    this.base = base;
    this.source = source;
  }

  /**
   * @param arguments image files as given on the command line
   * @throws DataFileException naming the first that does not exist or is a folder
   */
  static ImageInput ofArguments(List<String> arguments) {
    List<Path> files = new ArrayList<>(arguments.size());
    for (String argument : arguments) {
      files.add(requireFile(Path.of(argument), "given as an argument"));
    }
    return new ImageInput(files, null, null, null);
  }

  /**
   * @param input {@code -} for one path per line on {@code stdin} (blank lines skipped; relative to the working
   *     folder), a {@code .txt} file of one path per line (relative to the file's folder, as a CSV's), else a
   *     folder (its image files at any depth, sorted by path) or a CSV with a {@code path} column
   * @throws DataFileException naming the folder without images, the CSV line or the source that does not fit
   */
  static ImageInput of(String input, InputStream stdin) {
    if (input.equals("-")) {
      return new ImageInput(List.of(), TextLines.of("<stdin>", stdin, TextLines.Format.LINES, null),
          Path.of(""), "read from standard input");
    }
    Path file = Path.of(input);
    if (Files.isRegularFile(file) && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt")) {
      return new ImageInput(List.of(), TextLines.of(file, TextLines.Format.LINES, null),
          file.toAbsolutePath().getParent(), "listed in " + file);
    }
    return new ImageInput(ImageFolderReader.listImages(file), null, null, null);
  }

  /**
   * The next images: at most {@code max}; from standard input, no more than are there without waiting once one
   * has been read, so that paths piped in one at a time are answered one at a time.
   *
   * @return empty at the end of the input
   */
  List<Path> next(int max) {
    if (lines == null) {
      List<Path> chunk = listed.subList(next, Math.min(listed.size(), next + max));
      next += chunk.size();
      return chunk;
    }
    List<Path> chunk = new ArrayList<>();
    for (String line : lines.next(max)) {
      chunk.add(requireFile(base.resolve(line.strip()), source, base));
    }
    return chunk;
  }

  private static Path requireFile(Path file, String how) {
    return requireFile(file, how, Path.of(""));
  }

  private static Path requireFile(Path file, String how, Path base) {
    if (Files.isDirectory(file)) {
      throw new DataFileException(file, 0, "is a folder (" + how + "): give its images with --input " + file);
    }
    if (!Files.isRegularFile(file)) {
      throw new DataFileException(file, 0, "does not exist (" + how + "; a relative path is resolved against "
          + base.toAbsolutePath() + "): give the path of a PNG or JPEG file");
    }
    return file;
  }

  /** The options of the commands that only a text model reads: an image has no tokens and no text column. */
  private static final List<String> TEXT_OPTIONS = List.of("--max-length", "--text-column");

  /**
   * Refuses the text options ({@code --max-length}, {@code --text-column}) given with an image classifier folder.
   *
   * @throws ParameterException (a usage error) naming the first of them that was given
   */
  static void refuseTextOptions(CommandSpec spec, Path model) {
    for (String option : TEXT_OPTIONS) {
      if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
        throw textOption(spec, model, option);
      }
    }
  }

  /** @return the usage error for a text option given with the image classifier folder {@code model} */
  static ParameterException textOption(CommandSpec spec, Path model, String option) {
    return new ParameterException(spec.commandLine(), option + " is for text models, but " + model + " is an"
        + " image classifier (it has a preprocessor_config.json): leave " + option + " out");
  }

  @Override
  public void close() {
    if (lines != null) {
      lines.close();
    }
  }
}
