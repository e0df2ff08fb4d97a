package dev.distill.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.annotations.Head;
import dev.distill.engine.data.TeacherLabels;
import dev.distill.engine.data.TeacherSetup;
import dev.distill.engine.signal.Signal;
import dev.distill.engine.softtargets.SoftTargetFolder;
import dev.distill.engine.softtargets.SoftTargets;
import dev.distill.engine.teacher.BatchedTeacherRun;
import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.engine.teacher.ProgressListener;
import dev.distill.engine.teacher.SoftTargetCache;
import dev.distill.engine.teacher.SoftmaxRegression;
import dev.distill.engine.teacher.Teacher;
import dev.distill.engine.teacher.TeacherSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Soft-target folders read through the engine ({@link SoftTargets#read}, which finds this module's reader with
 * {@link java.util.ServiceLoader}): the one the real Spark job wrote (testdata/soft-targets/sst2-probe), files
 * written here by DuckDB with chosen float bits, and every bad input the engine names.
 */
class DuckDbSoftTargetReaderTest {

    /**
     * How far the Spark job's logits may be from those of the same teacher fitted on another CPU, whose int8
     * encoder rounds its last bits otherwise, and whose probe, fitted on those embeddings, differs a little: 0.034 on
     * the machine of 2026-12-03 (logits of about +-2 to 4), three times that allowed, far below what separates
     * the logits of most pairs of texts, so a row read for another text still fails.
     */
    private static final float SAME_TEACHER_ELSEWHERE = 0.1f;

    /** The texts distill-spark labelled into the committed folder: rows 2001-2040 of the SST-2 slice. */
    static List<String> sparkTexts() {
        return EngineFixtures.sst2Train(2040).texts().subList(2000, 2040);
    }

    /** The folder the real Spark job wrote (LabellingJobTest#writesTheSoftTargetFixture). */
    static Path sparkFolder() {
        return EngineFixtures.testdata().resolve("soft-targets/sst2-probe");
    }

    @TempDir
    Path temp;

    @Test
    void readsTheFolderTheSparkJobWrote() throws Exception {
        SoftTargets read = SoftTargets.read(sparkFolder());

        assertEquals(Set.copyOf(sparkTexts()), Set.copyOf(read.texts()), "one row per text labelled");
        assertEquals(sparkTexts().size(), read.texts().size());
        assertTrue(read.hasPooled(), "written with --pooled");
        assertTrue(read.summary().contains("read by Parquet (DuckDB"), read.summary());
        try (var parts = Files.list(sparkFolder())) {
            assertTrue(parts.filter(p -> p.getFileName().toString().startsWith("part-")).count() > 1,
                    "the rows are spread over several part files");
        }
    }

    @Test
    void theSparkJobsLabelsAreTheEnginesBitForBitWhereItsProbeIsFittedAlike() throws Exception {
        SoftTargets read = SoftTargets.read(sparkFolder());
        try (Teacher teacher = TeacherSetup.openClassifier(new TeacherSpec(EngineFixtures.probeFolder(), null,
                Head.AUTO, 0, 1, BatchedTeacherRun.DEFAULT_BATCH_SIZE, temp.resolve("unused-probe"),
                SoftmaxRegression.Options.defaults(0)))) {
            List<String> texts = sparkTexts();
            float[][] engine = new TeacherLabels(null, BatchedTeacherRun.DEFAULT_BATCH_SIZE, ProgressListener.NONE)
                    .logits(teacher, texts, i -> "row " + i);
            // The folder's metadata names the teacher that labelled it. Where the probe fitted here is that teacher
            // (the same bits, as on the machine that wrote it) the labels must be the engine's bit for bit; where the
            // int8 encoder rounds otherwise (another CPU) the probe fitted here differs a little, and the labels must
            // still be the engine's within SAME_TEACHER_ELSEWHERE.
            boolean sameTeacher = SoftTargetFolder.teacherKey(sparkFolder()).orElseThrow()
                    .equals(TeacherLabels.key(teacher));
            double largest = 0;
            for (int i = 0; i < engine.length; i++) {
                int row = read.texts().indexOf(texts.get(i));
                float[] stored = read.logits(row);
                if (sameTeacher) {
                    assertArrayEquals(engine[i], stored, read.location(row));
                }
                for (int c = 0; c < engine[i].length; c++) {
                    largest = Math.max(largest, Math.abs(engine[i][c] - stored[c]));
                }
            }
            assertTrue(largest <= SAME_TEACHER_ELSEWHERE, "the Spark job's logits are up to " + largest
                    + " from the engine's");
            System.out.println("DuckDbSoftTargetReaderTest: the Spark job's labels against the engine's: "
                    + (sameTeacher ? "bit for bit" : "largest difference " + largest + " (another machine's probe)"));
        }
    }

    @Test
    void givesBackEveryBitOfTheStoredFloats() throws Exception {
        Random random = new Random(5);
        List<ParquetFiles.Row> rows = new ArrayList<>();
        List<float[]> logits = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            // Any finite float32: subnormals, -0.0, the extremes; none survives a trip through a double as text.
            float[] values = new float[3];
            for (int c = 0; c < values.length; c++) {
                float value;
                do {
                    value = Float.intBitsToFloat(random.nextInt());
                } while (!Float.isFinite(value));
                values[c] = value;
            }
            if (i == 0) {
                values = new float[] {-0.0f, Float.MIN_VALUE, Float.MAX_VALUE};
            }
            logits.add(values);
            rows.add(ParquetFiles.Row.of("text " + i, values, new float[] {i, -i}));
        }
        Path folder = temp.resolve("labelled");
        ParquetFiles.write(folder.resolve("part-00000.parquet"), rows.subList(0, 120));
        ParquetFiles.write(folder.resolve("part-00001.parquet"), rows.subList(120, 200));
        Files.writeString(folder.resolve("_SUCCESS"), "");

        SoftTargets read = SoftTargets.read(folder);

        assertEquals(200, read.texts().size());
        for (int i = 0; i < 200; i++) {
            assertEquals("text " + i, read.texts().get(i), "files by name, rows in order");
            float[] got = read.logits(i);
            for (int c = 0; c < got.length; c++) {
                assertEquals(Float.floatToRawIntBits(logits.get(i)[c]), Float.floatToRawIntBits(got[c]),
                        read.location(i) + " logits[" + c + "]");
            }
        }
        assertEquals(folder.resolve("part-00001.parquet") + " row 1", read.location(120));
    }

    @Test
    void aTextGivenTwiceWithTheSameValuesIsKeptOnce() throws Exception {
        Path folder = temp.resolve("twice");
        ParquetFiles.write(folder.resolve("part-0.parquet"), List.of(
                ParquetFiles.Row.of("same", new float[] {1, 2}, null),
                ParquetFiles.Row.of("other", new float[] {3, 4}, null),
                ParquetFiles.Row.of("same", new float[] {1, 2}, null)));
        assertEquals(List.of("same", "other"), SoftTargets.read(folder).texts());
    }

    @Test
    void theRowsMustBeThisTeachersAndHoldWhatTheLossReads() throws Exception {
        Teacher teacher = EngineFixtures.probeTeacher();
        Path three = temp.resolve("three");
        ParquetFiles.write(three.resolve("part-0.parquet"), List.of(ParquetFiles.Row.of("a film",
                new float[] {1, 2, 3}, null)));
        assertMessage(() -> SoftTargets.read(three).fill(SoftTargetCache.inMemory(), teacher, Set.of(Signal.LOGITS)),
                "part-0.parquet row 1 has 3 logits, but the teacher has 2 labels [0, 1]");

        Path other = temp.resolve("other");
        ParquetFiles.write(other.resolve("part-0.parquet"), List.of(ParquetFiles.Row.of("a film",
                new float[] {1, 2}, null)));
        Files.writeString(other.resolve(SoftTargetFolder.METADATA), "{\"teacherKey\": \"0123abcd\"}");
        assertMessage(() -> SoftTargets.read(other).fill(SoftTargetCache.inMemory(), teacher, Set.of(Signal.LOGITS)),
                "names the teacher teacherKey 0123abcd, but this build's teacher");

        Files.delete(other.resolve(SoftTargetFolder.METADATA));
        assertMessage(() -> SoftTargets.read(other).fill(SoftTargetCache.inMemory(), teacher,
                Set.of(Signal.LOGITS, Signal.POOLED)), "has no pooled column, but the hidden-state term reads the"
                + " teacher's sentence vector of every text: label the folder again with distill-spark --pooled,"
                + " or set hiddenWeight = 0");
    }

    /** The bad inputs of a folder: each message names the setting, the folder or file, the column and the row. */
    @Test
    void badFoldersAreRefusedNamingWhatIsWrong() throws Exception {
        Path missing = temp.resolve("missing");
        assertMessage(() -> SoftTargets.read(missing), "data.softTargets: the folder " + missing + " does not exist");

        Path empty = Files.createDirectories(temp.resolve("empty"));
        Files.writeString(empty.resolve("_SUCCESS"), "");
        Files.writeString(empty.resolve(".part-0.parquet.crc"), "");
        assertMessage(() -> SoftTargets.read(empty), "the folder " + empty + " holds no .parquet file");

        ParquetFiles.Row good = ParquetFiles.Row.of("a fine film", new float[] {0.5f, -0.5f}, null);
        Path noLogits = ParquetFiles.writeSql(temp.resolve("no-logits/part-0.parquet"),
                "sha256 VARCHAR, text VARCHAR, scores FLOAT[]", List.of(good), false);
        assertMessage(() -> SoftTargets.read(noLogits.getParent()), noLogits + " has no column logits (its columns:"
                + " {sha256=VARCHAR, text=VARCHAR, scores=FLOAT[]})");

        Path doubles = ParquetFiles.writeSql(temp.resolve("doubles/part-0.parquet"),
                "sha256 VARCHAR, text VARCHAR, logits DOUBLE[]", List.of(good), false);
        assertMessage(() -> SoftTargets.read(doubles.getParent()), doubles + ": column logits is DOUBLE[], not"
                + " FLOAT[]: the teacher's outputs are stored as float32");

        Path nullText = temp.resolve("null-text");
        ParquetFiles.write(nullText.resolve("part-0.parquet"), List.of(good,
                new ParquetFiles.Row("ab", null, new float[] {1, 2}, null)));
        assertMessage(() -> SoftTargets.read(nullText), nullText + ": part-0.parquet row 2: text is null");

        Path badKey = temp.resolve("bad-key");
        ParquetFiles.write(badKey.resolve("part-0.parquet"), List.of(good,
                new ParquetFiles.Row(SoftTargetCache.textSha256("another text"), "a changed text",
                        new float[] {1, 2}, null)));
        assertMessage(() -> SoftTargets.read(badKey), badKey + ": part-0.parquet row 2: sha256 \""
                + SoftTargetCache.textSha256("another text") + "\" is not the SHA-256 of its text \"a changed text\"");

        Path conflicting = temp.resolve("conflicting");
        ParquetFiles.write(conflicting.resolve("part-0.parquet"), List.of(good));
        ParquetFiles.write(conflicting.resolve("part-1.parquet"), List.of(
                ParquetFiles.Row.of("a fine film", new float[] {0.5f, -0.25f}, null)));
        assertMessage(() -> SoftTargets.read(conflicting), "part-1.parquet row 1 and part-0.parquet row 1 hold the"
                + " same text \"a fine film\" with different values");

        Path wide = temp.resolve("wide");
        ParquetFiles.write(wide.resolve("part-0.parquet"), List.of(good,
                ParquetFiles.Row.of("a third logit", new float[] {1, 2, 3}, null)));
        assertMessage(() -> SoftTargets.read(wide), "part-0.parquet row 2: logits has 3 values, but part-0.parquet"
                + " row 1 has 2");

        Path nan = temp.resolve("nan");
        ParquetFiles.write(nan.resolve("part-0.parquet"), List.of(ParquetFiles.Row.of("x", new float[] {1,
                Float.NaN}, null)));
        assertMessage(() -> SoftTargets.read(nan), "part-0.parquet row 1: logits[1] is NaN");

        Path mixed = temp.resolve("mixed");
        ParquetFiles.write(mixed.resolve("part-0.parquet"), List.of(good));
        ParquetFiles.write(mixed.resolve("part-1.parquet"), List.of(
                ParquetFiles.Row.of("with a vector", new float[] {1, 2}, new float[] {3})));
        assertMessage(() -> SoftTargets.read(mixed), "part-1.parquet row 1 has a pooled column, but part-0.parquet"
                + " row 1 has none");

        Path garbage = Files.createDirectories(temp.resolve("garbage"));
        Files.writeString(garbage.resolve("part-0.parquet"), "not parquet");
        assertMessage(() -> SoftTargets.read(garbage), garbage.resolve("part-0.parquet") + " cannot be read as"
                + " Parquet");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable read, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, read);
        assertTrue(e.getMessage().contains(expected), "expected \"" + expected + "\" in: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(SoftTargetFolder.SETTING), e.getMessage());
    }
}
