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
 * the engine's own length-bucketed batches. The first {@code batches} batches of the first epoch go into a
 * JSON file with the student's shape and loss settings.
 */
final class PeerBatches {

    private PeerBatches() {
    }

    /**
     * @param jobFile the engine job of a built row (its descriptor gives teacher, data and student)
     * @param batches how many batches to write
     * @param threads the threads the peer must use (ours)
     * @return the number of texts written
     */
    static int write(Path jobFile, int batches, int threads, Path file, Consumer<String> log) throws IOException {
        EngineJob job = EngineJob.read(jobFile);
        List<ResolvedSpec> specs = DescriptorSpecs.load(job.classes(), job.project(), job.properties(),
                PluginProperties.ALL, job.allowOutsidePaths());
        DistillationPlan build = Plans.of(specs.get(0).spec(), job);
        int maxLength = build.student().maxLength();
        TokenizedExamples train;
        int vocabulary;
        try (TeacherSetup.Prepared prepared = TeacherSetup.open(build.teacher(), build.data(), ProgressListener.NONE)) {
            TransferSet transfer = new TransferSetBuilder(prepared.teacher(), maxLength)
                    .augment(build.augmentation())
                    .neighbours(EmbeddingNeighbours.forTeacher(build.augmentation(),
                            TeacherEmbeddingTable.of(build.teacher().modelFile()),
                            prepared.teacher().tokenizerFile(), log))
                    .cache(new SoftTargetCache(build.cacheFolder(), line -> log.accept("warning: " + line)))
                    .build(prepared.data());
            train = transfer.train();
            try (TextEncoder encoder = TextEncoder.load(prepared.teacher().tokenizerFile(), maxLength)) {
                vocabulary = encoder.vocabularySize();
            }
        }
        int[] lengths = new int[train.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = train.tokenIds()[i].length;
        }
        // A small set (the smoke run's) runs out of batches in its first epoch: the engine's next epochs follow.
        EpochBatchPlan plan = new EpochBatchPlan(build.training().seed());
        List<int[]> cut = new ArrayList<>();
        while (cut.size() < batches) {
            cut.addAll(plan.nextEpoch(lengths, build.training().batchSize()));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        int texts = 0;
        for (int[] batch : cut.subList(0, batches)) {
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
            texts += batch.length;
        }
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
        json.put("batches", out);
        AtomicFiles.writeString(file, new Gson().toJson(json));
        return texts;
    }
}
