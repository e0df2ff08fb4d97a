package dev.distill.bench;

import com.google.gson.Gson;
import dev.distill.engine.augment.EmbeddingNeighbours;
import dev.distill.engine.init.TeacherEmbeddingTable;
import dev.distill.engine.DistillationPlan;
import dev.distill.engine.Plans;
import dev.distill.engine.data.TeacherSetup;
import dev.distill.engine.data.TokenizedExamples;
import dev.distill.engine.data.TransferSet;
import dev.distill.engine.data.TransferSetBuilder;
import dev.distill.engine.io.AtomicFiles;
import dev.distill.engine.job.EngineJob;
import dev.distill.engine.job.PluginProperties;
import dev.distill.engine.spec.DescriptorSpecs;
import dev.distill.engine.spec.ResolvedSpec;
import dev.distill.engine.teacher.ProgressListener;
import dev.distill.engine.teacher.SoftTargetCache;
import dev.distill.engine.train.EpochBatchPlan;
import dev.distill.runtime.TextEncoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes what the PyTorch peer trains on: the transfer set of a built row — its token ids and the
 * teacher's logits, taken from the same soft-target cache, so nothing is labeled again — cut into
 * the engine's own length-bucketed batches, in a JSON file with the student's shape and loss settings.
 * Two cuts: the first {@code n} batches (the training-speed peer, {@link #write}), or every batch of
 * whole epochs with the dev set (the quality peer, {@link #writeEpochs}).
 */
final class PeerBatches {

    private PeerBatches() {
    }

    /**
     * The training-speed peer's file: the first {@code batches} batches.
     *
     * @param jobFile the engine job of a built row (its descriptor gives teacher, data and student)
     * @param batches how many batches to write
     * @param threads the threads the peer must use (ours)
     * @return the number of texts written
     */
    static int write(Path jobFile, int batches, int threads, Path file, Consumer<String> log) throws IOException {
        Row row = Row.read(jobFile, log);
        // A small set (the smoke run's) runs out of batches in its first epoch: the engine's next epochs follow.
        EpochBatchPlan plan = new EpochBatchPlan(row.build.training().seed());
        List<int[]> cut = new ArrayList<>();
        while (cut.size() < batches) {
            cut.addAll(plan.nextEpoch(row.lengths(), row.build.training().batchSize()));
        }
        Map<String, Object> json = row.settings(threads);
        List<Map<String, Object>> out = row.batches(cut.subList(0, batches));
        json.put("batches", out);
        AtomicFiles.writeString(file, new Gson().toJson(json));
        return texts(out);
    }

    /**
     * The quality peer's file: every batch of {@code epochs} epochs, in the engine's order, where each epoch ends
     * ({@code epochBatches}), and the dev set's token ids and gold labels, on which the peer measures its accuracy
     * after each epoch.
     *
     * @return the number of training texts written, over all epochs
     */
    static int writeEpochs(Path jobFile, int epochs, int threads, Path file, Consumer<String> log) throws IOException {
        Row row = Row.read(jobFile, log);
        EpochBatchPlan plan = new EpochBatchPlan(row.build.training().seed());
        List<int[]> cut = new ArrayList<>();
        List<Integer> epochBatches = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            List<int[]> epoch = plan.nextEpoch(row.lengths(), row.build.training().batchSize());
            cut.addAll(epoch);
            epochBatches.add(epoch.size());
        }
        Map<String, Object> json = row.settings(threads);
        List<Map<String, Object>> out = row.batches(cut);
        json.put("batches", out);
        json.put("epochBatches", epochBatches);
        Map<String, Object> dev = new LinkedHashMap<>();
        dev.put("ids", row.dev.tokenIds());
        dev.put("labels", row.dev.labels());
        json.put("dev", dev);
        AtomicFiles.writeString(file, new Gson().toJson(json));
        return texts(out);
    }

    private static int texts(List<Map<String, Object>> batches) {
        return batches.stream().mapToInt(b -> ((int[]) b.get("labels")).length).sum();
    }

    /** A built row's plan and transfer set. */
    private record Row(DistillationPlan build, TokenizedExamples train, TokenizedExamples dev, int vocabulary) {

        static Row read(Path jobFile, Consumer<String> log) throws IOException {
            EngineJob job = EngineJob.read(jobFile);
            List<ResolvedSpec> specs = DescriptorSpecs.load(job.classes(), job.project(), job.properties(),
                    PluginProperties.ALL, job.allowOutsidePaths());
            DistillationPlan build = Plans.of(specs.get(0).spec(), job);
            int maxLength = build.student().maxLength();
            try (TeacherSetup.Prepared prepared = TeacherSetup.open(build.firstTeacher(), build.data(),
                    ProgressListener.NONE)) {
                TransferSet transfer = new TransferSetBuilder(prepared.teacher(), maxLength)
                        .augment(build.augmentation())
                        .neighbours(EmbeddingNeighbours.forTeacher(build.augmentation(),
                                TeacherEmbeddingTable.of(build.firstTeacher().modelFile()),
                                prepared.teacher().tokenizerFile(), log))
                        .cache(new SoftTargetCache(build.cacheFolder(), line -> log.accept("warning: " + line)))
                        .build(prepared.data());
                try (TextEncoder encoder = TextEncoder.load(prepared.teacher().tokenizerFile(), maxLength)) {
                    return new Row(build, transfer.train(), transfer.dev(), encoder.vocabularySize());
                }
            }
        }

        int[] lengths() {
            int[] lengths = new int[train.size()];
            for (int i = 0; i < lengths.length; i++) {
                lengths[i] = train.tokenIds()[i].length;
            }
            return lengths;
        }

        List<Map<String, Object>> batches(List<int[]> cut) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (int[] batch : cut) {
                int[][] ids = new int[batch.length][];
                int[] labels = new int[batch.length];
                float[][] teacher = new float[batch.length][];
                for (int i = 0; i < batch.length; i++) {
                    ids[i] = train.tokenIds()[batch[i]];
                    labels[i] = train.labels()[batch[i]];
                    teacher[i] = train.teacherLogits()[batch[i]];
                }
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("ids", ids);
                b.put("labels", labels);
                b.put("teacher", teacher);
                out.add(b);
            }
            return out;
        }

        Map<String, Object> settings(int threads) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("vocabularySize", vocabulary);
            json.put("embeddingSize", build.student().embeddingSize());
            json.put("hiddenSize", build.student().hiddenSize());
            json.put("kernelSizes", build.student().kernelSizes());
            json.put("numClasses", train.numClasses());
            json.put("alpha", DistillBuild.KD_ALPHA);
            json.put("temperature", build.training().temperature());
            json.put("learningRate", build.training().learningRate());
            json.put("weightDecay", build.training().weightDecay());
            json.put("gradientClip", build.training().gradientClip());
            json.put("dropout", build.training().dropout());
            json.put("seed", build.training().seed());
            json.put("threads", threads);
            return json;
        }
    }
}
