package dev.distill.engine.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.engine.data.TokenizedExamples;
import dev.distill.engine.student.TrainedRows;
import dev.distill.onnx.prune.PrunedModel;
import dev.distill.onnx.prune.VocabularyPruner;
import dev.distill.runtime.TextEncoder;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Cuts a student's embedding table down to the tokens of its data (plus the tokenizer's special tokens);
 * ids never seen there are looked up as the fallback token ([UNK]). The model still takes the tokenizer's ids,
 * and its answers on texts made of seen tokens do not change. The embedding table is most of a student, so this
 * is where the bytes are.
 */
public final class VocabularyPruning {

    /** The special tokens kept whenever the vocabulary has them. */
    public static final List<String> SPECIAL_TOKENS = List.of("[CLS]", "[SEP]", "[PAD]", "[UNK]", "[MASK]");
    /** The token unseen ids fall back to. */
    public static final String FALLBACK_TOKEN = "[UNK]";

    private final Set<Long> specialIds;
    private final long fallbackId;

    /**
     * @param specialIds ids kept whether seen or not
     * @param fallbackId the id whose embedding unseen ids use; always kept
     */
    public VocabularyPruning(Set<Long> specialIds, long fallbackId) {
        this.specialIds = Set.copyOf(specialIds);
        this.fallbackId = fallbackId;
    }

    /**
     * The pruning for a tokenizer: keeps {@link #SPECIAL_TOKENS} that exist and the padding id, falls back to
     * {@value #FALLBACK_TOKEN}.
     *
     * @throws IllegalArgumentException if the tokenizer has no {@value #FALLBACK_TOKEN} token
     */
    public static VocabularyPruning of(TextEncoder encoder) {
        Set<Long> special = new TreeSet<>();
        for (String token : SPECIAL_TOKENS) {
            encoder.tokenId(token).ifPresent(special::add);
        }
        special.add(encoder.padId());
        OptionalLong fallback = encoder.tokenId(FALLBACK_TOKEN);
        if (fallback.isEmpty()) {
            throw new IllegalArgumentException("the tokenizer " + encoder.location() + " has no " + FALLBACK_TOKEN
                    + " token for the tokens vocabulary pruning removes; set pruneVocabulary = false "
                    + "(-Ddistill.pruneVocabulary=false) to keep the whole vocabulary");
        }
        return new VocabularyPruning(special, fallback.getAsLong());
    }

    /**
     * Prunes a model to the tokens of one example set with the special tokens and fallback of a tokenizer file.
     *
     * @param model the student model (float32 or int8)
     * @param transferSet the texts the student was trained on
     * @param tokenizerJson the tokenizer the student's ids come from
     * @return the pruned model and what pruning did
     * @throws IllegalArgumentException if the tokenizer has no {@value #FALLBACK_TOKEN} token
     */
    public static Result apply(ModelProto model, TokenizedExamples transferSet, Path tokenizerJson) {
        return apply(model, List.of(transferSet), tokenizerJson);
    }

    /**
     * Prunes a model to the tokens of several example sets (for example the transfer set and the dev set) with
     * the special tokens and fallback of a tokenizer file.
     *
     * @param model the student model (float32 or int8)
     * @param seen the examples whose tokens are kept
     * @param tokenizerJson the tokenizer the student's ids come from
     * @return the pruned model and what pruning did
     * @throws IllegalArgumentException if the tokenizer has no {@value #FALLBACK_TOKEN} token
     */
    public static Result apply(ModelProto model, List<TokenizedExamples> seen, Path tokenizerJson) {
        // The max length does not matter here: only the vocabulary is read.
        try (TextEncoder encoder = TextEncoder.load(tokenizerJson, 2)) {
            PrunedModel pruned = of(encoder).prune(model, seen);
            return new Result(pruned.model(), PruningSummary.of(pruned));
        }
    }

    /**
     * A pruned model and what pruning did.
     *
     * @param model the pruned model
     * @param pruning the rows kept and bytes saved
     */
    public record Result(ModelProto model, PruningSummary pruning) {

        /** One line for the report, e.g. "kept 5,210 of 30,522 embedding rows, 3,114,504 bytes saved". */
        public String summary() {
            return pruning.describe();
        }
    }

    /** Every token id occurring in the examples. */
    public static Set<Long> seenIds(List<TokenizedExamples> examples) {
        Set<Long> seen = new TreeSet<>();
        for (TokenizedExamples set : examples) {
            for (int[] row : set.tokenIds()) {
                for (int id : row) {
                    seen.add((long) id);
                }
            }
        }
        return seen;
    }

    /**
     * The embedding rows a student trains when its model will be pruned to these examples: the rows
     * {@link #prune} keeps, so that the rows it drops are never stepped.
     *
     * @param vocabulary the student's vocabulary size
     * @param seen the examples whose tokens are kept, as {@link #prune} will be given them
     */
    public TrainedRows trainedRows(int vocabulary, List<TokenizedExamples> seen) {
        return TrainedRows.of(vocabulary, VocabularyPruner.keptRows(vocabulary, seenIds(seen), specialIds, fallbackId),
                fallbackId);
    }

    /** The ids kept whether seen or not. */
    public Set<Long> specialIds() {
        return specialIds;
    }

    /** The id unseen ids are looked up as. */
    public long fallbackId() {
        return fallbackId;
    }

    /**
     * Prunes a student model (float32 or int8) to the tokens of the data it was trained and checked on: the
     * transfer set (gold, transfer and augmented rows) and the dev set, as {@code pruneVocabulary} promises.
     *
     * @param model the student model
     * @param seen the examples whose tokens are kept
     * @return the pruned model with the row counts and sizes before and after
     */
    public PrunedModel prune(ModelProto model, List<TokenizedExamples> seen) {
        Objects.requireNonNull(model, "model");
        return VocabularyPruner.prune(model, seenIds(seen), specialIds, fallbackId);
    }
}
