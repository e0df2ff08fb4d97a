package dev.distill.bench;

import dev.distill.annotations.Architecture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The quality ablation: per architecture, the techniques turned on one at a time on the same data, teacher and
 * budget, each with KD and (for the KD gain) with the gold labels only. Rows: random embeddings; the teacher's
 * embeddings; plus the hidden-state term; plus one augmented copy per text (Tang et al.'s transfer set). Last, per
 * architecture, the plain PyTorch KD recipe ({@code bench/peer/train_peer.py}, recipe {@value #PEER_RECIPE}) on the
 * transfer set and teacher logits of the first recipe (no augmentation), the same epochs and the engine's own batches:
 * the number distill is compared with.
 */
final class Ablation {

    /** The recipes in the order the table shows them; each adds one technique to the one before. */
    static final List<DistillBuild.Recipe> RECIPES = List.of(
            new DistillBuild.Recipe("-random", "RANDOM", 0.0, 0),
            new DistillBuild.Recipe("-emb", "TEACHER", 0.0, 0),
            new DistillBuild.Recipe("-emb-hidden", "TEACHER", 1.0, 0),
            new DistillBuild.Recipe("-emb-hidden-aug1", "TEACHER", 1.0, 1));

    /**
     * examples/tabular's student: three layers of 512 units without dropout (the teacher's soft targets on the MUNGE
     * rows are the regularizer), in batches of 256 at twice the learning rate (a quarter of the steps per epoch).
     * Declared before {@link #TABULAR_RECIPES}, which reads it while the class initializes.
     */
    static final Map<String, Object> WIDE_MLP = Map.of("student.layers", 3, "student.hiddenSize", 512,
            "student.dropout", 0.0, "batchSize", 256, "learningRate", 0.002);

    /**
     * The tabular student's recipes (an MLP has no embeddings or sentence vector to take from a tree teacher): the
     * training rows alone, with two MUNGE copies of each row labelled by the teacher, and the same with a wider and
     * deeper MLP ({@link #WIDE_MLP}).
     */
    static final List<DistillBuild.Recipe> TABULAR_RECIPES = List.of(
            new DistillBuild.Recipe("-plain", "AUTO", 0.0, 0),
            new DistillBuild.Recipe("-munge2", "AUTO", 0.0, 2),
            new DistillBuild.Recipe("-munge2-3x512", "AUTO", 0.0, 2, WIDE_MLP));

    /**
     * The image student's recipes: the training images with the crop and flip (the teacher labels each augmented view;
     * no embeddings or copies), then the same with the feature-map term ({@code hiddenWeight = 1}: the last stage,
     * through a 1x1-convolution adapter, learns the teacher's); each with KD and with the gold labels only.
     */
    static final List<DistillBuild.Recipe> IMAGE_RECIPES = List.of(new DistillBuild.Recipe("-plain", "AUTO", 0.0, 0),
            new DistillBuild.Recipe("-features", "AUTO", 1.0, 0));

    /**
     * The recipes of an architecture: {@link #RECIPES} for text students, {@link #TABULAR_RECIPES} for the MLP,
     * {@link #IMAGE_RECIPES} for the image CNN.
     */
    static List<DistillBuild.Recipe> recipes(Architecture architecture) {
        return switch (architecture.reads()) {
            case TEXT -> RECIPES;
            case FEATURES -> TABULAR_RECIPES;
            case IMAGES -> IMAGE_RECIPES;
        };
    }

    /** The recipe name of the PyTorch peer's row. */
    static final String PEER_RECIPE = "pytorch-kd";

    private Ablation() {
    }

    /** Trains the plain PyTorch KD recipe on a built row's transfer set; its figures, dev accuracy per epoch. */
    interface PeerQuality {
        Map<String, Object> run(Path jobFile, Architecture architecture) throws IOException, InterruptedException;
    }

    /**
     * Builds every row for the architectures; {@code written} is told after each row so that a run that stops keeps
     * what it measured.
     *
     * @param alphas the rows of each recipe: {@link DistillBuild#KD_ALPHA} (KD), 0 (the gold labels only) or both
     * @param peer the PyTorch KD recipe, or null when the peer is skipped
     * @return the rows, each with its recipe, KD and gold-label accuracies and the build's stage seconds
     */
    static List<Map<String, Object>> run(DistillBuild builds, List<Architecture> architectures, List<String> recipes,
            List<Double> alphas, PeerQuality peer, Consumer<String> log, Consumer<List<Map<String, Object>>> written)
            throws IOException, InterruptedException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Architecture architecture : architectures) {
            for (DistillBuild.Recipe recipe : recipes(architecture)) {
                if (!recipes.isEmpty() && !recipes.contains(recipe.suffix().substring(1))) {
                    continue;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("student", architecture.name());
                row.put("recipe", recipe.suffix().substring(1));
                for (double alpha : alphas) {
                    if (alpha == 0 && recipe.copies() > 0) {
                        // Augmented texts have no gold label: with alpha 0 they would add nothing but time.
                        log.accept("ablation: no gold-label row for " + recipe.suffix().substring(1)
                                + " (its augmented texts have no gold labels)");
                        continue;
                    }
                    log.accept("ablation: " + builds.rowName(architecture, alpha, recipe));
                    Map<String, Object> build = builds.run(architecture, alpha, recipe, log);
                    row.put(alpha > 0 ? "kd" : "hard", build);
                    rows.removeIf(r -> r == row);
                    rows.add(row);
                    written.accept(rows);
                }
            }
            boolean peerAsked = peer != null && (recipes.isEmpty() || recipes.contains(PEER_RECIPE));
            if (peerAsked && !PyTorchPeer.trains(architecture)) {
                log.accept("ablation: the PyTorch peer has no " + architecture + " network; no peer row for it");
            } else if (peerAsked) {
                log.accept("ablation: the plain PyTorch KD recipe for " + architecture);
                // The plain recipe's transfer set: the first recipe's, which augments nothing; labeled from the cache.
                Path job = builds.prepare(architecture, DistillBuild.KD_ALPHA, RECIPES.get(0));
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("student", architecture.name());
                row.put("recipe", PEER_RECIPE);
                row.put("peer", peer.run(job, architecture));
                rows.add(row);
                written.accept(rows);
            }
        }
        return rows;
    }
}
