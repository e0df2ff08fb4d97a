package dev.distill.engine.softtargets;

import dev.distill.engine.data.TeacherLabels;
import dev.distill.engine.signal.Signal;
import dev.distill.engine.teacher.EnsembleTeacher;
import dev.distill.engine.teacher.SoftTargetCache;
import dev.distill.engine.teacher.Teacher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checked rows of a soft-target folder: each distinct text once, with the logits (and sentence vectors) exactly as
 * stored. They join the transfer set, and {@link #fill} holds them in the build's soft-target cache so that the
 * teacher labels only the other texts.
 */
public final class SoftTargets {

    private final Path folder;
    private final String reader;
    private final Optional<String> teacherKey;
    private final List<String> texts;
    private final List<String> locations;
    private final float[][] logits;
    private final float[][] pooled;
    private final double readSeconds;

    private SoftTargets(Path folder, String reader, Optional<String> teacherKey, List<String> texts,
            List<String> locations, float[][] logits, float[][] pooled, double readSeconds) {
        this.folder = folder;
        this.reader = reader;
        this.teacherKey = teacherKey;
        this.texts = List.copyOf(texts);
        this.locations = List.copyOf(locations);
        this.logits = logits;
        this.pooled = pooled;
        this.readSeconds = readSeconds;
    }

    /**
     * Reads and checks a folder with the {@link SoftTargetReader} on the class path.
     *
     * @throws IllegalArgumentException when the folder or a row cannot be used: the message names it and the fix
     * @throws IllegalStateException when no reader is on the class path
     */
    public static SoftTargets read(Path folder) throws IOException {
        List<Path> files = SoftTargetFolder.dataFiles(folder);
        SoftTargetReader reader = SoftTargetReaders.find();
        long start = System.nanoTime();
        List<SoftTargetRow> rows = reader.read(files);
        double seconds = (System.nanoTime() - start) / 1e9;
        return of(folder, reader.description(), rows, SoftTargetFolder.teacherKey(folder), seconds);
    }

    /**
     * Checks rows: every key is its text's SHA-256, every row as wide as the first, every value finite, and a text
     * given twice has the same values both times (it is then kept once).
     */
    static SoftTargets of(Path folder, String reader, List<SoftTargetRow> rows, Optional<String> teacherKey,
            double readSeconds) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(where(folder) + " holds no rows: label some texts into it with"
                    + " distill-spark, or clear " + SoftTargetFolder.SETTING);
        }
        SoftTargetRow first = rows.get(0);
        Map<String, Integer> seen = new HashMap<>();
        List<SoftTargetRow> kept = new ArrayList<>();
        for (SoftTargetRow row : rows) {
            check(folder, first, row);
            Integer earlier = seen.putIfAbsent(row.text(), kept.size());
            if (earlier == null) {
                kept.add(row);
            } else if (!sameValues(kept.get(earlier), row)) {
                throw new IllegalArgumentException(where(folder) + ": " + row.location() + " and "
                        + kept.get(earlier).location() + " hold the same text " + quote(row.text())
                        + " with different values: a text has one teacher output; keep one of the rows");
            }
        }
        return new SoftTargets(folder, reader, teacherKey, kept.stream().map(SoftTargetRow::text).toList(),
                kept.stream().map(SoftTargetRow::location).toList(),
                kept.stream().map(SoftTargetRow::logits).toArray(float[][]::new),
                first.pooled() == null ? null : kept.stream().map(SoftTargetRow::pooled).toArray(float[][]::new),
                readSeconds);
    }

    /** The folder. */
    public Path folder() {
        return folder;
    }

    /** The distinct texts, in the folder's order. */
    public List<String> texts() {
        return texts;
    }

    /** Names text {@code i} in a message: the folder, its file and row. */
    public String location(int i) {
        return folder.resolve(locations.get(i)).toString();
    }

    /** Whether the rows hold the teacher's sentence vectors too. */
    public boolean hasPooled() {
        return pooled != null;
    }

    /**
     * The teacher's logits of text {@code i}, as stored.
     */
    public float[] logits(int i) {
        return logits[i].clone();
    }

    /** For the log: how many texts, what they hold, what read them and how fast. */
    public String summary() {
        return String.format(Locale.ROOT, "%,d texts from %s (%s%s), read by %s in %.2f s (%,.0f rows/s)",
                texts.size(), folder, SoftTargetColumns.LOGITS, pooled == null ? "" : ", " + SoftTargetColumns.POOLED,
                reader, readSeconds, texts.size() / Math.max(readSeconds, 1e-9));
    }

    /**
     * Holds the rows in the cache under the teacher's key, so that labelling takes them as they are and runs the
     * teacher on the other texts only.
     *
     * @param signals what the transfer set keeps of each text: the logits, and the sentence vector when the
     *     hidden-state term is on
     * @throws IllegalArgumentException when the rows cannot be this teacher's: another teacher's key in the metadata,
     *     another number of logits than the teacher's labels, no sentence vectors for a loss that reads them, or an
     *     ensemble (whose soft targets are mixed from its members', each under its own key)
     */
    public void fill(SoftTargetCache cache, Teacher teacher, Set<Signal> signals) {
        if (teacher instanceof EnsembleTeacher) {
            throw new IllegalArgumentException(SoftTargetFolder.SETTING + " (" + folder + ") needs one teacher, but"
                    + " this build mixes " + ((EnsembleTeacher) teacher).members().size() + ": an ensemble's soft"
                    + " targets are mixed from each teacher's; keep one @Teacher, or clear " + SoftTargetFolder.SETTING);
        }
        if (logits[0].length != teacher.labels().size()) {
            throw new IllegalArgumentException(where(folder) + ": " + locations.get(0) + " has " + logits[0].length
                    + " logits, but the teacher has " + teacher.labels().size() + " labels " + teacher.labels()
                    + ": the rows were labelled by another teacher; label them again with distill-spark --teacher"
                    + " and this build's teacher");
        }
        String key = TeacherLabels.key(teacher);
        if (teacherKey.isPresent() && !teacherKey.get().equals(key)) {
            throw new IllegalArgumentException(where(folder) + ": its " + SoftTargetFolder.METADATA + " names the"
                    + " teacher " + SoftTargetFolder.TEACHER_KEY + " " + teacherKey.get() + ", but this build's teacher"
                    + " (" + teacher.fingerprint() + ") has the key " + key + ": the rows were labelled by another"
                    + " teacher, tokenizer or max length; label them again with distill-spark --teacher and this"
                    + " build's teacher");
        }
        if (signals.contains(Signal.POOLED) && pooled == null) {
            throw new IllegalArgumentException(where(folder) + " has no " + SoftTargetColumns.POOLED + " column, but"
                    + " the hidden-state term reads the teacher's sentence vector of every text: label the folder"
                    + " again with distill-spark --pooled, or set hiddenWeight = 0");
        }
        cache.hold(key, SoftTargetCache.LOGITS, texts, logits);
        if (pooled != null) {
            cache.hold(key, Signal.POOLED.name(), texts, pooled);
        }
    }

    private static void check(Path folder, SoftTargetRow first, SoftTargetRow row) {
        String at = where(folder) + ": " + row.location();
        String expected = SoftTargetCache.textSha256(row.text());
        if (!expected.equalsIgnoreCase(row.sha256())) {
            throw new IllegalArgumentException(at + ": " + SoftTargetColumns.SHA256 + " " + quote(row.sha256(), 80)
                    + " is not the SHA-256 of its " + SoftTargetColumns.TEXT + " " + quote(row.text()) + " ("
                    + expected + "): the text or its key was changed after labelling; label the texts again");
        }
        checkValues(at, SoftTargetColumns.LOGITS, row.logits(), first.logits().length, first.location());
        if ((row.pooled() == null) != (first.pooled() == null)) {
            throw new IllegalArgumentException(at + (row.pooled() == null ? " has no " : " has a ")
                    + SoftTargetColumns.POOLED + " column, but " + first.location() + (first.pooled() == null
                    ? " has none" : " has one") + ": every file of the folder must come from one labelling run");
        }
        if (row.pooled() != null) {
            checkValues(at, SoftTargetColumns.POOLED, row.pooled(), first.pooled().length, first.location());
        }
    }

    private static void checkValues(String at, String column, float[] values, int width, String firstLocation) {
        if (values.length != width || width == 0) {
            throw new IllegalArgumentException(at + ": " + column + " has " + values.length + " values, but "
                    + firstLocation + " has " + width + ": every row of " + column + " must be as wide, and not empty");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(at + ": " + column + "[" + i + "] is " + values[i]
                        + ": the teacher's outputs must be finite numbers; label the text again");
            }
        }
    }

    private static boolean sameValues(SoftTargetRow a, SoftTargetRow b) {
        return Arrays.equals(a.logits(), b.logits()) && Arrays.equals(a.pooled(), b.pooled());
    }

    private static String where(Path folder) {
        return SoftTargetFolder.SETTING + " " + folder;
    }

    private static String quote(String text) {
        return quote(text, 60);
    }

    private static String quote(String text, int max) {
        return "\"" + (text.length() > max ? text.substring(0, max - 3) + "..." : text) + "\"";
    }
}
