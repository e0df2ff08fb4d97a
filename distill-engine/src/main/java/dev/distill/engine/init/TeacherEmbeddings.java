package dev.distill.engine.init;

import dev.distill.annotations.Embeddings;
import dev.distill.engine.student.InitialEmbeddings;
import dev.distill.engine.student.InitialWeights;
import dev.distill.onnx.WordEmbeddingTable;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses a student's first embedding table ({@code student.embeddings}): the teacher's word embeddings, read from
 * its ONNX graph ({@link WordEmbeddingTable}), projected onto the student's width by PCA when the widths differ, and
 * scaled to the spread of the random initialisation ({@value #TARGET_RMS} root mean square), so that the learning
 * rate and the LSTM gates see the magnitudes they are tuned for; or random rows.
 */
public final class TeacherEmbeddings {

    /** The root mean square of the random initialisation's rows (a normal with this standard deviation). */
    static final double TARGET_RMS = 0.1;

    /**
     * What was chosen, and why.
     *
     * @param embeddings the table, or empty for random rows
     * @param explanation one line for the log, the report and config.json's provenance
     */
    public record Choice(Optional<InitialEmbeddings> embeddings, String explanation) {
    }

    private TeacherEmbeddings() {
    }

    /**
     * Chooses the table.
     *
     * @param mode the {@code student.embeddings} setting
     * @param teacher the teacher's word-embedding table
     * @param vocabularySize the student's vocabulary: the teacher tokenizer's
     * @param embeddingSize the student's embedding width
     * @throws IllegalArgumentException for {@link Embeddings#TEACHER} when the teacher has no usable table, naming
     *     the model, what was looked for and the fix
     */
    public static Choice choose(Embeddings mode, TeacherEmbeddingTable teacher, int vocabularySize,
            int embeddingSize) {
        return choose(mode, teacher, vocabularySize, embeddingSize, Optional.empty());
    }

    /**
     * Chooses the table for a student that may read with its own tokenizer.
     *
     * @param vocabularyMismatch how the student tokenizer's vocabulary differs from the teacher's, whose rows are
     *     indexed by the teacher's token ids; empty when they are the same
     * @throws IllegalArgumentException for {@link Embeddings#TEACHER} when the teacher has no usable table or the
     *     vocabularies differ, naming the model or the tokenizer and the fix
     */
    public static Choice choose(Embeddings mode, TeacherEmbeddingTable teacher, int vocabularySize,
            int embeddingSize, Optional<String> vocabularyMismatch) {
        if (mode == Embeddings.RANDOM) {
            return new Choice(Optional.empty(), "random (student.embeddings = RANDOM)");
        }
        if (vocabularyMismatch.isPresent()) {
            String problem = vocabularyMismatch.get();
            if (mode == Embeddings.TEACHER) {
                throw new IllegalArgumentException("student.embeddings = TEACHER needs the teacher's token ids, but "
                        + problem + ": leave student.tokenizer empty, or set student.embeddings = AUTO or RANDOM");
            }
            return new Choice(Optional.empty(), "random (student.embeddings = AUTO: " + problem + ")");
        }
        Path teacherModel = teacher.model();
        WordEmbeddingTable.Lookup lookup = teacher.lookup();
        String problem = null;
        if (lookup.table().isEmpty()) {
            if (mode == Embeddings.TEACHER) {
                throw new IllegalArgumentException("student.embeddings = TEACHER: " + lookup.problem(teacherModel.toString())
                        + ". Set student.embeddings = AUTO (random rows when there is no table) or RANDOM");
            }
            problem = "the teacher " + teacherModel + " has no word-embedding table distill can read (" + lookup.reason()
                    + ")";
        } else if (lookup.table().get().vocabularySize() != vocabularySize) {
            problem = "the teacher's table " + lookup.table().get().initializer() + " has "
                    + lookup.table().get().vocabularySize() + " rows but its tokenizer has " + vocabularySize
                    + " tokens";
            if (mode == Embeddings.TEACHER) {
                throw new IllegalArgumentException("student.embeddings = TEACHER: " + problem + " (" + teacherModel
                        + "); set student.embeddings = AUTO or RANDOM");
            }
        }
        if (problem != null) {
            return new Choice(Optional.empty(), "random (student.embeddings = AUTO: " + problem + ")");
        }
        InitialEmbeddings initial = project(lookup.table().get(), embeddingSize);
        return new Choice(Optional.of(initial), initial.source() + " (student.embeddings = " + mode + ")");
    }

    /**
     * No table of its own: the student's first weights ({@code weights}, e.g. a student cut from the teacher) set its
     * embedding table, as it is, unprojected and unscaled, because the layers copied with it read those magnitudes.
     *
     * @param mode the {@code student.embeddings} setting, which such a student does not use
     */
    public static Choice setBy(InitialWeights weights, Embeddings mode) {
        // The source says where the table came from; its first clause is enough for this line ("cut from ...").
        String source = weights.source();
        int clause = source.indexOf(':');
        return new Choice(Optional.empty(), "as it is, unprojected and unscaled, in the student's first weights ("
                + (clause > 0 ? source.substring(0, clause) : source) + "); student.embeddings = " + mode
                + " is not used");
    }

    private static InitialEmbeddings project(WordEmbeddingTable table, int embeddingSize) {
        String source = "the teacher's " + table.initializer() + " (" + table.vocabularySize() + " x " + table.width()
                + (table.quantized() ? ", int8, dequantized" : "") + ")";
        float[] rows;
        if (embeddingSize == table.width()) {
            rows = table.values().clone();
        } else if (embeddingSize < table.width()) {
            PrincipalComponents pca = PrincipalComponents.fit(table.values(), table.vocabularySize(), table.width());
            rows = pca.project(table.values(), embeddingSize);
            source += String.format(Locale.ROOT, ", PCA to %d dimensions keeping %.1f%% of the variance",
                    embeddingSize, 100 * pca.varianceKept(embeddingSize));
        } else {
            throw new IllegalArgumentException("student.embeddingSize = " + embeddingSize + " is wider than the"
                    + " teacher's embeddings (" + table.width() + "); set it to at most " + table.width()
                    + ", or student.embeddings = RANDOM");
        }
        double scale = scaleToRms(rows);
        source += String.format(Locale.ROOT, ", scaled by %.3g to %.2g RMS", scale, TARGET_RMS);
        return new InitialEmbeddings(rows, source);
    }

    /** Scales the values in place to {@link #TARGET_RMS}; returns the factor. */
    private static double scaleToRms(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += (double) v * v;
        }
        double rms = Math.sqrt(sum / values.length);
        double scale = rms == 0 ? 1 : TARGET_RMS / rms;
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (values[i] * scale);
        }
        return scale;
    }
}
