package dev.distill.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.annotations.MissingValues;
import dev.distill.engine.teacher.TabularTeachers;
import dev.distill.runtime.data.DataFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tabular data from the committed covertype slice, with the bad values a user's file may hold. */
class TabularDataTest {

    private static final List<String> LABELS = TabularTeachers.COVERTYPE_LABELS;

    @Test
    void allColumnsButTheLabelAreFeaturesAndTheStandardisationIsTheTrainingRows() {
        TabularData data = TabularData.read(spec(TabularTeachers.covertypeTrain()), LABELS);
        assertEquals(54, data.features().size());
        assertEquals("Elevation", data.features().get(0));
        assertEquals(420, data.train().size());
        assertEquals(210, data.dev().size());
        float[] mean = data.trainMean();
        float[] scale = data.trainScale();
        double sum = 0;
        double squares = 0;
        for (float[] row : data.train().features()) {
            double z = (row[0] - mean[0]) * scale[0];
            sum += z;
            squares += z * z;
        }
        assertEquals(0, sum / data.train().size(), 1e-4);
        assertEquals(1, squares / data.train().size(), 1e-3);
    }

    @Test
    void chosenFeaturesAreReadInTheirOrder() {
        TabularData data = TabularData.read(spec(TabularTeachers.covertypeTrain())
                .withFeatures(List.of("Slope", "Elevation"), MissingValues.ERROR), LABELS);
        assertEquals(List.of("Slope", "Elevation"), data.features());
        assertEquals(2, data.dev().features()[0].length);
    }

    @Test
    void aMissingOrNonNumericValueNamesTheFileLineAndColumnAndTheFix(@TempDir Path dir) throws IOException {
        Path train = copyWith(dir, "empty.csv", 5, 2, "");
        DataFileException empty = assertThrows(DataFileException.class,
                () -> TabularData.read(spec(train), LABELS));
        assertEquals(7, empty.line());
        assertTrue(empty.getMessage().contains("empty.csv:7") && empty.getMessage().contains("'Slope' is empty")
                && empty.getMessage().contains("data.missing = MissingValues.MEAN"), empty.getMessage());

        Path text = copyWith(dir, "text.csv", 9, 0, "high");
        String message = assertThrows(DataFileException.class, () -> TabularData.read(spec(text), LABELS))
                .getMessage();
        assertTrue(message.contains("text.csv:11") && message.contains("'Elevation' is 'high', not a number"),
                message);
    }

    @Test
    void meanAndZeroFillMissingValuesAndSaySo(@TempDir Path dir) throws IOException {
        Path train = copyWith(dir, "gaps.csv", 5, 2, "");
        TabularData mean = TabularData.read(spec(train).withFeatures(List.of(), MissingValues.MEAN), LABELS);
        TabularData zero = TabularData.read(spec(train).withFeatures(List.of(), MissingValues.ZERO), LABELS);
        float filled = mean.train().features()[5][2];
        assertTrue(filled > 1 && filled < 60, "the mean slope of the slice, got " + filled);
        assertEquals(0f, zero.train().features()[5][2]);
        assertEquals(1, mean.filled().size());
        assertTrue(mean.filled().get(0).startsWith("gaps.csv: Slope: 1 value (MEAN"), mean.filled().toString());
    }

    @Test
    void aLabelTheTeacherDoesNotKnowNamesTheRow(@TempDir Path dir) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(TabularTeachers.covertypeTrain()));
        String row = lines.get(3);
        lines.set(3, row.substring(0, row.lastIndexOf(',') + 1) + "redwood");
        Path train = Files.write(dir.resolve("labels.csv"), lines);
        String message = assertThrows(DataFileException.class, () -> TabularData.read(spec(train), LABELS))
                .getMessage();
        assertTrue(message.contains("labels.csv:4") && message.contains("'redwood'"), message);
    }

    @Test
    void anUnknownFeatureColumnIsNamedWithTheHeader() {
        String message = assertThrows(DataFileException.class, () -> TabularData.read(spec(TabularTeachers
                .covertypeTrain()).withFeatures(List.of("Elevation", "Altitude"), MissingValues.ERROR), LABELS))
                .getMessage();
        assertTrue(message.contains("no column 'Altitude'"), message);
    }

    private static DataSpec spec(Path train) {
        return DataSpec.of(train, "text", "label").withDev(TabularTeachers.covertypeDev());
    }

    /** The training slice with one value replaced: data row {@code row} (0-based: file line row + 2), column {@code column}. */
    private static Path copyWith(Path dir, String name, int row, int column, String value) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(TabularTeachers.covertypeTrain()));
        String[] fields = lines.get(row + 1).split(",", -1);
        fields[column] = value;
        lines.set(row + 1, String.join(",", fields));
        return Files.write(dir.resolve(name), lines);
    }
}
