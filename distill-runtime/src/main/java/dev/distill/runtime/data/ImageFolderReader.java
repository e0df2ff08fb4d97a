package dev.distill.runtime.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lists a labelled image set in one of two layouts, mapping each class name through the model's
 * {@code label2id} (never by sorting the folder names, which gives other ids than a model's whenever its classes
 * are not in alphabetical order, as Fashion-MNIST's are not):
 *
 * <ul>
 *   <li>a folder of class folders, {@code <split>/<class>/<file>.png|jpg|jpeg} (torchvision's ImageFolder layout);
 *   <li>a CSV file with a header naming a {@code path} column and the label column, one image per line; a relative
 *       path is resolved against the CSV file's folder.
 * </ul>
 *
 * <p>{@link #listImages} lists images without labels, for predicting: a folder's image files at any depth, or a
 * CSV's {@code path} column.
 *
 * <p>Images are listed in a fixed order (class folders by name, files by name; CSV lines in order), so that the
 * same folder always gives the same examples. Decoding is {@code image.ImagePreprocessing}'s.
 */
public final class ImageFolderReader {

  /** The image file extensions a class folder's files are taken with, lower case. */
  public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg");
  /** The CSV column holding each image's path. */
  public static final String PATH_COLUMN = "path";

  private ImageFolderReader() {
  }

  /**
   * Lists the images of {@code source}, a folder of class folders or a CSV file of paths and labels.
   *
   * @param label2id the model's class name to logit index
   * @param labelColumn the CSV column of the class names (ignored for a folder)
   * @throws DataFileException naming the file, the line or the class folder that does not fit, with the fix
   */
  public static List<LabeledImage> read(Path source, Map<String, Integer> label2id, String labelColumn) {
    if (Files.isDirectory(source)) {
      return readFolder(source, label2id);
    }
    if (!Files.isRegularFile(source)) {
      throw new DataFileException(source, 0, "does not exist: give a folder of class folders"
          + " (<split>/<class>/<file>.png) or a CSV file with the columns " + PATH_COLUMN + "," + labelColumn);
    }
    return readCsv(source, label2id, labelColumn);
  }

  private static List<LabeledImage> readFolder(Path root, Map<String, Integer> label2id) {
    List<LabeledImage> images = new ArrayList<>();
    List<Path> classes;
    try (Stream<Path> children = Files.list(root)) {
      classes = children.sorted().toList();
    } catch (IOException e) {
      throw new DataFileException(root, 0, "cannot be listed: " + e.getMessage(), e);
    }
    for (Path folder : classes) {
      if (!Files.isDirectory(folder)) {
        continue;
      }
      String name = folder.getFileName().toString();
      Integer label = label2id.get(name);
      if (label == null) {
        throw new DataFileException(folder, 0, "is a class folder '" + name + "' that the teacher does not know:"
            + " its label2id has " + label2id.keySet() + ". Rename the folder to one of those, or remove it");
      }
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.sorted().toList()) {
          if (Files.isRegularFile(file) && EXTENSIONS.contains(extension(file))) {
            images.add(new LabeledImage(file, label, "class folder " + name));
          }
        }
      } catch (IOException e) {
        throw new DataFileException(folder, 0, "cannot be listed: " + e.getMessage(), e);
      }
    }
    if (images.isEmpty()) {
      throw new DataFileException(root, 0, "holds no images: expected class folders named after the teacher's"
          + " labels " + label2id.keySet() + ", each with " + extensions() + " files");
    }
    return images;
  }

  private static List<LabeledImage> readCsv(Path csv, Map<String, Integer> label2id, String labelColumn) {
    List<LabeledImage> images = new ArrayList<>();
    for (CsvImage row : readCsvRows(csv, labelColumn)) {
      Integer label = label2id.get(row.label());
      if (label == null) {
        throw new DataFileException(csv, row.line(), "the label " + DataFileException.quote(row.label()) + " is"
            + " not one of the teacher's labels " + label2id.keySet() + " (its label2id)");
      }
      images.add(new LabeledImage(row.file(), label, DataFileException.location(csv, row.line())));
    }
    return images;
  }

  /** One line of an image CSV: the image (resolved, existing), its label as written (null without one). */
  private record CsvImage(Path file, String label, int line) {
  }

  /**
   * The lines of an image CSV, each image checked to exist.
   *
   * @param labelColumn the label column, or null to read only the paths
   */
  private static List<CsvImage> readCsvRows(Path csv, String labelColumn) {
    String columns = labelColumn != null ? PATH_COLUMN + "," + labelColumn : PATH_COLUMN;
    List<CsvImage> images = new ArrayList<>();
    try (Utf8LineReader lines = new Utf8LineReader(csv)) {
      DelimitedRecordReader records = new DelimitedRecordReader(lines, ',');
      DelimitedRecordReader.Record header = records.next();
      if (header == null) {
        throw new DataFileException(csv, 0, "is empty: expected a header with the column" + (labelColumn != null
            ? "s " : " ") + columns);
      }
      int pathAt = header.fields().indexOf(PATH_COLUMN);
      int labelAt = labelColumn != null ? header.fields().indexOf(labelColumn) : pathAt;
      if (pathAt < 0 || labelAt < 0) {
        throw new DataFileException(csv, header.line(), "the header " + header.fields() + " lacks the column '"
            + (pathAt < 0 ? PATH_COLUMN : labelColumn) + "': an image CSV has a '" + PATH_COLUMN + "' column (the"
            + " image file, relative to the CSV's folder)" + (labelColumn != null ? " and the label column"
                + " data.labelColumn = '" + labelColumn + "'" : ""));
      }
      Path base = csv.toAbsolutePath().getParent();
      for (DelimitedRecordReader.Record record = records.next(); record != null; record = records.next()) {
        if (record.fields().size() <= Math.max(pathAt, labelAt)) {
          throw new DataFileException(csv, record.line(), "has " + record.fields().size() + " fields; the header"
              + " has " + header.fields().size() + " " + header.fields());
        }
        Path file = base.resolve(record.fields().get(pathAt).strip());
        if (!Files.isRegularFile(file)) {
          throw new DataFileException(csv, record.line(), "the image " + file + " does not exist (paths are"
              + " relative to the CSV file's folder " + base + ")");
        }
        images.add(new CsvImage(file, labelColumn != null ? record.fields().get(labelAt).strip() : null,
            record.line()));
      }
    }
    if (images.isEmpty()) {
      throw new DataFileException(csv, 0, "lists no images after its header");
    }
    return images;
  }

  /**
   * Lists the image files of {@code source}, without labels: every .png/.jpg/.jpeg file in a folder and its
   * subfolders, sorted by path (a folder of class folders included), or the {@code path} column of a CSV file
   * (relative paths resolved against its folder; other columns ignored), in its order.
   *
   * @throws DataFileException naming the folder that holds no images, the CSV line whose image does not exist, or
   *     the source that is neither a folder nor a CSV file, with the fix
   */
  public static List<Path> listImages(Path source) {
    if (Files.isDirectory(source)) {
      List<Path> images;
      try (Stream<Path> files = Files.walk(source)) {
        images = files.filter(file -> Files.isRegularFile(file) && EXTENSIONS.contains(extension(file)))
            .sorted().toList();
      } catch (IOException | UncheckedIOException e) {
        throw new DataFileException(source, 0, "cannot be listed: " + e.getMessage(), e);
      }
      if (images.isEmpty()) {
        throw new DataFileException(source, 0, "holds no images: expected " + extensions() + " files in it or"
            + " its subfolders");
      }
      return images;
    }
    if (!Files.isRegularFile(source)) {
      throw new DataFileException(source, 0, "does not exist: give a folder of images (searched with its"
          + " subfolders) or a CSV file with a '" + PATH_COLUMN + "' column");
    }
    if (!extension(source).equals("csv")) {
      throw new DataFileException(source, 0, "is neither a folder nor a .csv file: give a folder of images"
          + " (searched with its subfolders) or a CSV file with a '" + PATH_COLUMN + "' column of image files");
    }
    return readCsvRows(source, null).stream().map(CsvImage::file).toList();
  }

  /** @return the image extensions for a message: {@code .jpeg/.jpg/.png} */
  private static String extensions() {
    return "." + String.join("/.", EXTENSIONS.stream().sorted().toList());
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
