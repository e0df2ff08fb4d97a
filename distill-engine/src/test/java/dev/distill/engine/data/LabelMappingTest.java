package dev.distill.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.annotations.Format;
import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.runtime.data.BadRows;
import dev.distill.runtime.data.DataFileException;
import dev.distill.runtime.data.TextFileReader;
import dev.distill.runtime.data.TextRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Label sets (teacher order, explicit, first appearance) on the 4-class AG News slice, unknown labels failing or
 * skipped and counted with the reader's bad rows, and the dev split.
 */
class LabelMappingTest {

    private static final List<String> AGNEWS_TEACHER = List.of("World", "Sports", "Business", "Sci/Tech");

    private static Path agnews(String name) {
        return EngineFixtures.testdata().resolve("agnews").resolve(name);
    }

    @Test
    void fourStringLabelsMapThroughTheTeachersId2Label() {
        DataSpec spec = DataSpec.of(agnews("train.tsv"), "text", "label").withDev(agnews("dev.tsv"));
        TrainingData data = TrainingDataReader.read(spec, AGNEWS_TEACHER);
        assertEquals(AGNEWS_TEACHER, data.labels().labels());
        assertEquals(1200, data.train().size());
        assertEquals(300, data.dev().size());
        assertFalse(data.devHeldOut());
        assertNull(data.transfer());
        List<TextRow> rows = new TextFileReader("text", "label").read(agnews("train.tsv"), Format.AUTO,
                BadRows.failFast());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(rows.get(i).label(), AGNEWS_TEACHER.get(data.train().labels()[i]), "row " + i);
            assertEquals(rows.get(i).line(), data.train().lines()[i]);
        }
        Set<Integer> classes = new HashSet<>();
        Arrays.stream(data.train().labels()).forEach(classes::add);
        assertEquals(Set.of(0, 1, 2, 3), classes);
    }

    @Test
    void probeLabelsComeInOrderOfFirstAppearanceOrFromAnExplicitList() {
        DataSpec spec = DataSpec.of(agnews("train.tsv"), "text", "label").withDev(agnews("dev.tsv"));
        List<TextRow> rows = new TextFileReader("text", "label").read(agnews("train.tsv"), Format.AUTO,
                BadRows.failFast());
        List<String> expected = rows.stream().map(TextRow::label).distinct().toList();
        TrainingData data = TrainingDataReader.read(spec, null);
        assertEquals(expected, data.labels().labels());
        assertEquals(4, data.labels().size());
        assertEquals(TrainingDataReader.read(spec, null).labels().labels(), data.labels().labels(), "not stable");

        List<String> explicit = List.of("Sci/Tech", "Business", "Sports", "World");
        TrainingData ordered = TrainingDataReader.read(spec.withLabels(explicit), null);
        assertEquals(explicit, ordered.labels().labels());
        for (int i = 0; i < 20; i++) {
            String label = data.labels().labels().get(data.train().labels()[i]);
            assertEquals(label, explicit.get(ordered.train().labels()[i]));
        }
    }

    @Test
    void anExplicitListRejectsOtherLabels(@TempDir Path dir) throws IOException {
        Path train = Files.writeString(dir.resolve("train.csv"), "text,label\na,World\nb,Sports\nc,Business\n");
        DataSpec spec = DataSpec.of(train, "text", "label").withLabels(List.of("World", "Sports"));
        DataFileException e = assertThrows(DataFileException.class, () -> TrainingDataReader.read(spec, null));
        assertTrue(e.getMessage().startsWith(train + ":4: unknown label 'Business'"), e.getMessage());

        Path dev = Files.writeString(dir.resolve("dev.jsonl"), "{\"text\": \"d\", \"label\": \"Sci/Tech\"}\n"
                + "{\"text\": \"e\", \"label\": \"World\"}\n");
        TrainingData skipped = TrainingDataReader.read(spec.withSkipBadRows(true).withDev(dev), null);
        assertEquals(List.of("a", "b"), skipped.train().texts());
        assertEquals(List.of("e"), skipped.dev().texts());
        assertEquals(1, skipped.skipped().get(train).count(BadRows.Reason.UNKNOWN_LABEL));
        assertEquals(1, skipped.skipped().get(dev).count(BadRows.Reason.UNKNOWN_LABEL));
        assertEquals(2, skipped.skippedRows());
    }

    @Test
    void unknownLabelListsTheTeachersLabels(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("labels.tsv"), "text\tlabel\nok\tWorld\nhm\tSprots\n");
        List<TextRow> rows = new TextFileReader("text", "label").read(file);
        LabelSet teacher = LabelSet.of(AGNEWS_TEACHER);
        DataFileException e = assertThrows(DataFileException.class,
                () -> teacher.index(file, rows, BadRows.failFast()));
        assertTrue(e.getMessage().startsWith(file + ":3: unknown label 'Sprots'"), e.getMessage());
        assertTrue(e.getMessage().contains("[World, Sports, Business, Sci/Tech]"), e.getMessage());
    }

    @Test
    void skipBadRowsCountsEachReason(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("mixed.tsv"), "text\tlabel\n"
                + "good one\tWorld\n"
                + "short row\n"
                + "\tSports\n"
                + "no label\t\n"
                + "typo\tSprots\n"
                + "also good\tSports\n"
                + "too\tmany\tcolumns\n");
        BadRows bad = BadRows.skipAndCount();
        List<TextRow> rows = new TextFileReader("text", "label").read(file, Format.AUTO, bad);
        TextDataset data = LabelSet.of(List.of("World", "Sports")).index(file, rows, bad);
        assertEquals(List.of("good one", "also good"), data.texts());
        assertEquals(List.of(2, 7), List.of(data.lines()[0], data.lines()[1]));
        assertEquals(0, data.labels()[0]);
        assertEquals(1, data.labels()[1]);
        assertEquals(2, bad.count(BadRows.Reason.COLUMN_COUNT));
        assertEquals(1, bad.count(BadRows.Reason.EMPTY_TEXT));
        assertEquals(1, bad.count(BadRows.Reason.MISSING_VALUE));
        assertEquals(1, bad.count(BadRows.Reason.UNKNOWN_LABEL));
        assertEquals(5, bad.total());
        assertTrue(bad.firstSeen(BadRows.Reason.UNKNOWN_LABEL).startsWith(file + ":6: unknown label 'Sprots'"));
        assertNull(bad.firstSeen(BadRows.Reason.MALFORMED_JSON));
        assertEquals("5 rows skipped: 2 wrong column count, 1 empty text, 1 missing value, 1 unknown label",
                bad.toString());
    }

    @Test
    void devSplitHoldsOutTenPercentDeterministically() {
        DataSpec spec = DataSpec.of(agnews("train.tsv"), "text", "label");
        TrainingData first = TrainingDataReader.read(spec, AGNEWS_TEACHER);
        TrainingData again = TrainingDataReader.read(spec, AGNEWS_TEACHER);
        assertTrue(first.devHeldOut());
        assertEquals(120, first.dev().size());
        assertEquals(1080, first.train().size());
        assertArrayEquals(first.dev().lines(), again.dev().lines());
        Set<Integer> lines = new HashSet<>();
        IntStream.of(first.train().lines()).forEach(lines::add);
        IntStream.of(first.dev().lines()).forEach(line -> assertTrue(lines.add(line), "line " + line + " in both"));
        assertEquals(1200, lines.size());
        assertTrue(isSorted(first.dev().lines()) && isSorted(first.train().lines()), "file order not kept");

        DataSpec otherSeed = new DataSpec(spec.train(), null, null, Format.AUTO, "text", "label", List.of(), false,
                0.1, 43);
        assertNotEquals(Arrays.toString(first.dev().lines()),
                Arrays.toString(TrainingDataReader.read(otherSeed, AGNEWS_TEACHER).dev().lines()));
    }

    private static boolean isSorted(int[] values) {
        for (int i = 1; i < values.length; i++) {
            if (values[i] < values[i - 1]) {
                return false;
            }
        }
        return true;
    }
}
