package dev.distill.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.distill.annotations.Architecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recipe's own settings go into the row's descriptor over the bench's; a setting the descriptor lacks is refused. */
class RecipeSettingsTest {

    @Test
    void theWideMlpRecipeSetsItsStudentAndBatch(@TempDir Path root) throws IOException {
        DistillBuild builds = builds(root);
        DistillBuild.Recipe wide = Ablation.TABULAR_RECIPES.get(2);
        Path job = builds.prepare(Architecture.MLP, DistillBuild.KD_ALPHA, wide);

        JsonObject descriptor = JsonParser.parseString(Files.readString(job.getParent()
                .resolve("classes/META-INF/distill/descriptors/mlp-kd-munge2-3x512.json"))).getAsJsonObject();
        JsonObject student = descriptor.getAsJsonObject("student");
        assertEquals(3, student.get("layers").getAsInt());
        assertEquals(512, student.get("hiddenSize").getAsInt());
        assertEquals(0.0, student.get("dropout").getAsDouble());
        assertEquals(256, descriptor.get("batchSize").getAsInt());
        assertEquals(0.002, descriptor.get("learningRate").getAsDouble());
        assertEquals(2, descriptor.getAsJsonObject("augmentation").get("copies").getAsInt());
        // The plain recipe keeps the bench's own values.
        JsonObject plain = JsonParser.parseString(Files.readString(builds.prepare(Architecture.MLP,
                DistillBuild.KD_ALPHA, Ablation.TABULAR_RECIPES.get(0)).getParent()
                .resolve("classes/META-INF/distill/descriptors/mlp-kd-plain.json"))).getAsJsonObject();
        assertEquals(DistillBuild.HIDDEN, plain.getAsJsonObject("student").get("hiddenSize").getAsInt());
        assertEquals(DistillBuild.BATCH, plain.get("batchSize").getAsInt());
    }

    @Test
    void aSettingTheDescriptorLacksIsRefusedByPath(@TempDir Path root) {
        DistillBuild.Recipe typo = new DistillBuild.Recipe("-typo", "AUTO", 0.0, 0, Map.of("student.layer", 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builds(root).prepare(Architecture.MLP, DistillBuild.KD_ALPHA, typo));
        assertTrue(e.getMessage().contains("student.layer"), e.getMessage());
    }

    private static DistillBuild builds(Path root) {
        return new DistillBuild(List.of(BenchTeacher.classifier(root.resolve("teacher"))), "FIXED",
                root.resolve("train.csv"), root.resolve("dev.csv"), "sentence", "label", 2, DistillBuild.EMBEDDING, 0,
                DistillBuild.IMAGE_WIDTH, 1, root.resolve("rows"), List.of());
    }
}
