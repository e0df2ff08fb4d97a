package dev.distill.engine.augment;

import dev.distill.engine.init.TeacherEmbeddingTable;
import dev.distill.onnx.WordEmbeddingTable;
import dev.distill.runtime.TextEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Nearest neighbours by cosine in the teacher's word-embedding table, among the whole words of its vocabulary
 * (tokens made of letters only: not {@code ##ing} pieces, special tokens or punctuation). A word that is not one
 * such token has none. Computed on first use per word and remembered.
 */
public final class EmbeddingNeighbours implements WordNeighbours {

    /** How many neighbours a word offers: few enough that each stays close in meaning. */
    public static final int COUNT = 10;

    private static final Pattern WORD = Pattern.compile("\\p{L}{2,}");

    private final List<String> words = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final float[][] unit;
    private final Map<String, List<String>> found = new HashMap<>();

    /**
     * @param table the teacher's word embeddings
     * @param vocabulary its tokenizer's tokens by id (the table's rows)
     */
    public EmbeddingNeighbours(WordEmbeddingTable table, Map<String, Integer> vocabulary) {
        List<float[]> rows = new ArrayList<>();
        vocabulary.forEach((token, id) -> {
            if (WORD.matcher(token).matches() && id < table.vocabularySize()) {
                float[] row = table.row(id);
                double norm = 0;
                for (float v : row) {
                    norm += v * v;
                }
                if (norm > 0) {
                    float scale = (float) (1 / Math.sqrt(norm));
                    for (int c = 0; c < row.length; c++) {
                        row[c] *= scale;
                    }
                    index.put(token, words.size());
                    words.add(token);
                    rows.add(row);
                }
            }
        });
        unit = rows.toArray(float[][]::new);
    }

    /**
     * The neighbours that augmentation with these options uses for a teacher: none when it replaces no words, or
     * when the teacher's word-embedding table cannot be read (said on {@code log}).
     *
     * @param options the augmentation
     * @param teacher the teacher's word-embedding table
     * @param tokenizer the teacher's tokenizer.json
     * @param log told what is used, or why words are not replaced
     */
    public static WordNeighbours forTeacher(AugmentOptions options, TeacherEmbeddingTable teacher, Path tokenizer,
            Consumer<String> log) {
        if (!options.enabled() || options.replaceProbability() == 0) {
            return WordNeighbours.NONE;
        }
        WordEmbeddingTable.Lookup lookup = teacher.lookup();
        if (lookup.table().isEmpty()) {
            log.accept("distill: warning: augmentation.replaceProbability = " + options.replaceProbability()
                    + ", but words are not replaced: the teacher " + teacher.model() + " has no word-embedding table"
                    + " distill can read (" + lookup.reason() + ")");
            return WordNeighbours.NONE;
        }
        try (TextEncoder encoder = TextEncoder.load(tokenizer, 2)) {
            EmbeddingNeighbours neighbours = new EmbeddingNeighbours(lookup.table().get(), encoder.vocabulary());
            log.accept("distill: augmentation replaces words by one of their " + COUNT + " nearest neighbours among "
                    + neighbours.size() + " whole words of the teacher's " + lookup.table().get().initializer());
            return neighbours;
        }
    }

    /** @return how many whole words can be replaced or be replacements */
    public int size() {
        return words.size();
    }

    @Override
    public List<String> of(String word) {
        Integer self = index.get(word);
        if (self == null) {
            return List.of();
        }
        return found.computeIfAbsent(word, w -> nearest(self));
    }

    private List<String> nearest(int self) {
        float[] query = unit[self];
        int[] best = new int[COUNT];
        float[] scores = new float[COUNT];
        java.util.Arrays.fill(scores, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < unit.length; i++) {
            if (i == self) {
                continue;
            }
            float[] row = unit[i];
            float dot = 0;
            for (int c = 0; c < row.length; c++) {
                dot += query[c] * row[c];
            }
            if (dot > scores[COUNT - 1]) {
                int at = COUNT - 1;
                while (at > 0 && scores[at - 1] < dot) {
                    scores[at] = scores[at - 1];
                    best[at] = best[at - 1];
                    at--;
                }
                scores[at] = dot;
                best[at] = i;
            }
        }
        List<String> neighbours = new ArrayList<>(COUNT);
        for (int k = 0; k < COUNT && scores[k] > Float.NEGATIVE_INFINITY; k++) {
            neighbours.add(words.get(best[k]));
        }
        return List.copyOf(neighbours);
    }
}
