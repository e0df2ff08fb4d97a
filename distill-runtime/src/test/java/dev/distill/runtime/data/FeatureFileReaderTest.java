package dev.distill.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.annotations.Format;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Numeric columns of CSV and TSV files, and the messages a bad file gets. */
class FeatureFileReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsTheChosenColumnsInTheirOrderWithQuotingAndLines() throws IOException {
        Path file = Files.writeString(dir.resolve("rows.tsv"), "label\ta\tb\n\"x\"\t1.5\t-2\n\ny\t\"3\"\t4e2\n");
        FeatureTable table = new FeatureFileReader(List.of("b", "a"), "label", false, "fix it")
                .read(file, Format.AUTO);
        assertEquals(List.of("b", "a"), table.features());
        assertArrayEquals(new float[] {-2f, 1.5f}, table.rows()[0]);
        assertArrayEquals(new float[] {400f, 3f}, table.rows()[1]);
        assertEquals(List.of("x", "y"), table.labels());
        assertArrayEquals(new int[] {2, 4}, table.lines());
        assertTrue(table.location(1).endsWith("rows.tsv:4"), table.location(1));
    }

    @Test
    void missingValuesAreNaNAndCountedWhenAllowed() throws IOException {
        Path file = Files.writeString(dir.resolve("gaps.csv"), "a,b\n1,\nNaN,2\n?,3\n");
        FeatureTable table = new FeatureFileReader(List.of(), null, true, "").read(file, Format.CSV);
        assertNull(table.labels());
        assertTrue(Float.isNaN(table.rows()[0][1]) && Float.isNaN(table.rows()[1][0]) && Float.isNaN(table.rows()[2][0]));
        assertEquals(Map.of("a", 2, "b", 1), table.missing());
    }

    @Test
    void badFilesAreNamedWithTheirLineAndTheFix() throws IOException {
        Path short_ = Files.writeString(dir.resolve("short.csv"), "a,b,label\n1,2,x\n3,y\n");
        String message = assertThrows(DataFileException.class,
                () -> new FeatureFileReader(List.of(), "label", false, "").read(short_, Format.AUTO)).getMessage();
        assertTrue(message.contains("short.csv:3") && message.contains("expected 3 columns, got 2"), message);

        Path huge = Files.writeString(dir.resolve("huge.csv"), "a,label\n1e39,x\n");
        message = assertThrows(DataFileException.class,
                () -> new FeatureFileReader(List.of(), "label", false, "").read(huge, Format.AUTO)).getMessage();
        assertTrue(message.contains("huge.csv:2") && message.contains("beyond the range of a float"), message);

        Path json = Files.writeString(dir.resolve("rows.jsonl"), "{\"a\": 1}\n");
        message = assertThrows(IllegalArgumentException.class,
                () -> new FeatureFileReader(List.of(), "label", false, "").read(json, Format.AUTO)).getMessage();
        assertTrue(message.contains("JSONL") && message.contains(".csv or .tsv"), message);
    }
}
