package dev.distill.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which ablation rows the options ask for. */
class BenchOptionsTest {

    @Test
    void theAblationBuildsKdAndGoldLabelRowsUnlessOneIsAskedFor() {
        assertEquals(List.of(DistillBuild.KD_ALPHA, 0.0), BenchOptions.parse(new String[] {"--ablation", "CNN"}).alphas());
        assertEquals(List.of(DistillBuild.KD_ALPHA),
                BenchOptions.parse(new String[] {"--ablation", "CNN", "--kd-only"}).alphas());
        assertEquals(List.of(0.0), BenchOptions.parse(new String[] {"--ablation", "CNN", "--hard-only"}).alphas());
    }

    @Test
    void theEmbeddingSizeIsTheBenchsUnlessGiven() {
        assertEquals(DistillBuild.EMBEDDING, BenchOptions.parse(new String[0]).embeddingSize());
        assertEquals(256, BenchOptions.parse(new String[] {"--embedding-size", "256"}).embeddingSize());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--embedding-size", "0"}));
    }

    @Test
    void theBigramBucketsAreTheStudentDefaultUnlessGiven() {
        assertEquals(DistillBuild.DEFAULT_BIGRAM_BUCKETS, BenchOptions.parse(new String[0]).bigramBuckets());
        assertEquals(0, BenchOptions.parse(new String[] {"--bigram-buckets", "0"}).bigramBuckets());
        assertEquals(65536, BenchOptions.parse(new String[] {"--bigram-buckets", "65536"}).bigramBuckets());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--bigram-buckets", "-1"}));
    }

    @Test
    void kdOnlyAndHardOnlyTogetherAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"--kd-only", "--hard-only"}));
        assertTrue(e.getMessage().contains("--kd-only and --hard-only exclude each other"), e.getMessage());
    }

    @Test
    void theTeachersAreTheReferenceAloneUnlessNamed() {
        BenchOptions defaults = BenchOptions.parse(new String[0]);
        assertEquals(List.of("reference"), defaults.teachers());
        assertEquals("FIXED", defaults.teacherWeights());
        BenchOptions ensemble = BenchOptions.parse(
                new String[] {"--teachers", "reference,bge-probe", "--teacher-weights", "FITTED"});
        assertEquals(List.of("reference", "bge-probe"), ensemble.teachers());
        assertEquals("FITTED", ensemble.teacherWeights());
    }

    @Test
    void anUnknownOrRepeatedTeacherAndOtherWeightsAreRefusedByName() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"--teachers", "reference,bert"}));
        assertTrue(unknown.getMessage().contains("'bert' is not one of [reference, bge-probe]"), unknown.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"--teachers", "bge-probe,bge-probe"}));
        assertTrue(twice.getMessage().contains("named twice"), twice.getMessage());
        IllegalArgumentException weights = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"--teacher-weights", "LEARNED"}));
        assertTrue(weights.getMessage().contains("--teacher-weights LEARNED: expected FIXED"), weights.getMessage());
    }

    @Test
    void theTabularStudentHasItsOwnRecipes() {
        assertEquals(List.of("plain", "munge2", "munge2-3x512"), Ablation.recipes(dev.distill.annotations.Architecture.MLP).stream()
                .map(r -> r.suffix().substring(1)).toList());
        assertEquals(Ablation.RECIPES, Ablation.recipes(dev.distill.annotations.Architecture.BILSTM));
        assertEquals(2, Ablation.TABULAR_RECIPES.get(1).copies());
        assertEquals(512, Ablation.TABULAR_RECIPES.get(2).settings().get("student.hiddenSize"));
    }
}
