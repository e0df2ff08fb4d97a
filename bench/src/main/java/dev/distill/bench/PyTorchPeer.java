package dev.distill.bench;

import com.google.gson.Gson;
import dev.distill.annotations.Architecture;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs {@code bench/peer/train_peer.py}, the plain PyTorch loop, on a file of {@link PeerBatches} and returns what it
 * printed: per architecture its training texts/s and, for a file with whole epochs and a dev set, its dev accuracy
 * after each epoch.
 *
 * @param python the python that imports torch
 * @param script {@code bench/peer/train_peer.py}
 * @param threads the threads the peer must use (ours)
 */
record PyTorchPeer(String python, Path script, int threads) {

    /** The students {@code train_peer.py} builds (its {@code student()}); it has no transformer. */
    private static final Set<Architecture> ARCHITECTURES =
            EnumSet.of(Architecture.BILSTM, Architecture.CNN, Architecture.BAG_OF_EMBEDDINGS);

    /** Whether the peer has a network of this architecture to train; the others have no peer figures. */
    static boolean trains(Architecture architecture) {
        return ARCHITECTURES.contains(architecture);
    }

    /** Trains each architecture on {@code batches}; {@code progress} sees every line the peer prints. */
    Map<String, Object> run(Path batches, List<String> architectures, Consumer<String> progress)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, script.toString(), batches.toString()));
        command.addAll(architectures);
        // Debian's torch calls the system BLAS; OpenBLAS would otherwise use every core.
        String n = Integer.toString(threads);
        MeasuredProcess.Result run = MeasuredProcess.run(command, null,
                Map.of("OPENBLAS_NUM_THREADS", n, "OMP_NUM_THREADS", n), line -> progress.accept("peer: " + line));
        List<String> lines = run.lines();
        String result = lines.stream().filter(l -> l.startsWith("peer: ")).reduce((a, b) -> b).orElseThrow(
                () -> new IllegalStateException("the PyTorch peer failed (exit " + run.exitCode() + "):\n"
                        + String.join("\n", lines)));
        Map<String, Object> figures = new LinkedHashMap<>(new Gson().fromJson(result.substring("peer: ".length()),
                new TypeToken<Map<String, Object>>() { }.getType()));
        figures.put("python", python);
        return figures;
    }
}
