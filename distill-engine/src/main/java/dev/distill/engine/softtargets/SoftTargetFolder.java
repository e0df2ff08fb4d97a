package dev.distill.engine.softtargets;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The layout of a soft-target folder, as Spark writes one: data files {@code *.parquet} (names starting with
 * {@code .} or {@code _} are Spark's bookkeeping and skipped), and beside them {@value #METADATA}, which names the
 * teacher that labelled the rows ({@code teacherKey}: the soft-target cache's key of that teacher).
 */
public final class SoftTargetFolder {

    /** The setting that names the folder, for messages. */
    public static final String SETTING = "data.softTargets";
    /** The metadata file distill-spark writes beside the rows. */
    public static final String METADATA = "_distill.json";
    /** The metadata's key of the teacher's cache key. */
    public static final String TEACHER_KEY = "teacherKey";
    private static final String DATA_SUFFIX = ".parquet";

    private SoftTargetFolder() {
    }

    /**
     * The folder's data files, sorted by name.
     *
     * @throws IllegalArgumentException when the folder is missing, is a file, or holds no data file
     */
    public static List<Path> dataFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(SETTING + ": the folder " + folder + (Files.exists(folder)
                    ? " is a file, not a folder" : " does not exist") + ": name the folder distill-spark wrote"
                    + " (its --output), relative to the project base directory");
        }
        List<Path> files = listed(folder).stream().filter(SoftTargetFolder::isDataFile).toList();
        if (files.isEmpty()) {
            throw new IllegalArgumentException(SETTING + ": the folder " + folder + " holds no " + DATA_SUFFIX
                    + " file (files starting with . or _ are skipped): name the folder distill-spark wrote, whose"
                    + " rows are in part-*" + DATA_SUFFIX + " files");
        }
        return files;
    }

    /**
     * The files whose contents decide the rows, for the build's fingerprint: the data files and the metadata;
     * empty when the folder is missing (the build then fails reading it).
     */
    public static List<Path> inputFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        for (Path file : listed(folder)) {
            if (isDataFile(file) || file.getFileName().toString().equals(METADATA)) {
                files.add(file);
            }
        }
        return files;
    }

    /**
     * The cache key of the teacher that labelled the rows, from {@value #METADATA}; empty when the folder has no
     * metadata (rows written by another tool).
     *
     * @throws IllegalArgumentException when the metadata is not JSON or its {@value #TEACHER_KEY} is not a string
     */
    public static Optional<String> teacherKey(Path folder) {
        Path metadata = folder.resolve(METADATA);
        if (!Files.isRegularFile(metadata)) {
            return Optional.empty();
        }
        try {
            JsonElement json = JsonParser.parseString(Files.readString(metadata, StandardCharsets.UTF_8));
            JsonElement key = json.isJsonObject() ? ((JsonObject) json).get(TEACHER_KEY) : null;
            if (key == null || !key.isJsonPrimitive() || !key.getAsJsonPrimitive().isString()) {
                throw new IllegalArgumentException(SETTING + ": " + metadata + " has no string \"" + TEACHER_KEY
                        + "\": it is not the file distill-spark writes; delete it or label the folder again");
            }
            return Optional.of(key.getAsString());
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(SETTING + ": " + metadata + " is not JSON (" + e.getMessage()
                    + "): delete it or label the folder again", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + metadata + ": " + e, e);
        }
    }

    private static boolean isDataFile(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && name.toLowerCase(Locale.ROOT).endsWith(DATA_SUFFIX)
                && !name.startsWith(".") && !name.startsWith("_");
    }

    private static List<Path> listed(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + SETTING + " folder " + folder + ": " + e, e);
        }
    }
}
