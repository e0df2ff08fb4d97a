package dev.distill.engine.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.engine.student.TokenIdBatch;
import dev.distill.annotations.Architecture;
import dev.distill.engine.data.TokenizedExamples;
import dev.distill.onnx.prune.PrunedModel;
import dev.distill.runtime.TextEncoder;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Pruning the real students to the tokens of their data keeps every answer on that data and shrinks the file. */
class VocabularyPruningTest {

    @Test
    void specialTokensAndFallbackComeFromTheTokenizer() {
        try (TextEncoder encoder = ExportFixture.encoder()) {
            VocabularyPruning pruning = VocabularyPruning.of(encoder);
            Set<Long> expected = new TreeSet<>();
            for (String token : VocabularyPruning.SPECIAL_TOKENS) {
                expected.add(encoder.tokenId(token).orElseThrow());
            }
            assertEquals(expected, new TreeSet<>(pruning.specialIds()));
            assertEquals(5, expected.size(), "MiniLM's [CLS], [SEP], [PAD], [UNK], [MASK]: " + expected);
            assertEquals(encoder.tokenId("[UNK]").orElseThrow(), pruning.fallbackId());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.distill.engine.student.TextArchitectures#all")
    void prunedInt8ModelKeepsEveryAnswerOnItsDataAndIsSmaller(Architecture architecture) {
        List<TokenizedExamples> data = List.of(ExportFixture.train(), ExportFixture.dev());
        ModelProto int8 = ExportFixture.int8(architecture);
        PrunedModel pruned;
        VocabularyPruning pruning;
        try (TextEncoder encoder = ExportFixture.encoder()) {
            pruning = VocabularyPruning.of(encoder);
            pruned = pruning.prune(int8, data);
        }
        Set<Long> kept = new TreeSet<>(VocabularyPruning.seenIds(data));
        kept.addAll(pruning.specialIds());
        assertEquals(kept.size(), pruned.keptRows());
        assertEquals(ExportFixture.design(architecture).sizes().vocabularySize(), pruned.originalRows());
        assertTrue(pruned.bytesAfter() < pruned.bytesBefore() / 2,
                pruned.bytesBefore() + " -> " + pruned.bytesAfter() + " bytes");
        System.out.printf("%s int8 pruned to %d of %d rows: %d -> %d bytes%n", architecture, pruned.keptRows(),
                pruned.originalRows(), pruned.bytesBefore(), pruned.bytesAfter());
        try (OrtLogits whole = OrtLogits.open(int8, ExportFixture.THREADS);
                OrtLogits cut = OrtLogits.open(pruned.model(), ExportFixture.THREADS)) {
            for (TokenizedExamples examples : data) {
                float[][] expected = whole.logits(examples);
                float[][] actual = cut.logits(examples);
                for (int i = 0; i < expected.length; i++) {
                    assertArrayEquals(expected[i], actual[i], 1e-6f, architecture + " row " + i);
                }
            }
        }
    }

    @Test
    void anUnseenTokenIsReadAsUnk() {
        TokenizedExamples train = ExportFixture.train();
        long unseen = firstUnseenId(train, 2000);
        ModelProto fp32 = ExportFixture.fp32(Architecture.BAG_OF_EMBEDDINGS);
        try (TextEncoder encoder = ExportFixture.encoder()) {
            VocabularyPruning pruning = VocabularyPruning.of(encoder);
            int cls = (int) encoder.tokenId("[CLS]").orElseThrow();
            int sep = (int) encoder.tokenId("[SEP]").orElseThrow();
            int unk = (int) pruning.fallbackId();
            int seen = train.tokenIds()[0][1];
            ModelProto pruned = pruning.prune(fp32, List.of(train)).model();
            try (OrtLogits whole = OrtLogits.open(fp32, 1); OrtLogits cut = OrtLogits.open(pruned, 1)) {
                TokenIdBatch known = TokenIdBatch.of(new int[][] {{cls, seen, unk, sep}});
                TokenIdBatch unknown = TokenIdBatch.of(new int[][] {{cls, seen, (int) unseen, sep}});
                float[] asUnk = whole.logits(known)[0];
                float[] prunedUnseen = cut.logits(unknown)[0];
                float[] wholeUnseen = whole.logits(unknown)[0];
                assertArrayEquals(asUnk, prunedUnseen, 1e-6f);
                assertTrue(!Arrays.equals(asUnk, wholeUnseen), "the unpruned model reads token " + unseen
                        + " as [UNK] already");
            }
        }
    }

    private static long firstUnseenId(TokenizedExamples examples, long from) {
        Set<Long> seen = VocabularyPruning.seenIds(List.of(examples));
        long id = from;
        while (seen.contains(id)) {
            id++;
        }
        return id;
    }
}
