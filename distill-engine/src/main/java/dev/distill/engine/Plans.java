package dev.distill.engine;

import dev.distill.engine.augment.AugmentOptions;
import dev.distill.engine.data.DataSpec;
import dev.distill.engine.job.EngineJob;
import dev.distill.engine.softtargets.SoftTargetFolder;
import dev.distill.engine.spec.DistillSpec;
import dev.distill.engine.spec.TeacherFiles;
import dev.distill.engine.spec.TeacherSettings;
import dev.distill.engine.student.StudentArchitectures;
import dev.distill.engine.student.StudentPlan;
import dev.distill.engine.teacher.BatchedTeacherRun;
import dev.distill.engine.teacher.EnsembleWeights;
import dev.distill.engine.teacher.SoftmaxRegression;
import dev.distill.engine.teacher.TeacherSpec;
import dev.distill.engine.train.TrainingConfig;
import dev.distill.engine.train.TrainingDevice;
import dev.distill.runtime.ModelFolder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns a checked descriptor and the goal's job into the engine's plan. */
public final class Plans {

    private Plans() {
    }

    /** The student folder of a descriptor inside the class output. */
    public static Path outputFolder(EngineJob job, String name) {
        return job.classes().resolve(ModelFolder.resourceFolder(name));
    }

    public static Path workFolder(EngineJob job, String name) {
        return job.work().resolve(name);
    }

    /** Threads to use: the job's, or every core when it says 0. */
    public static int threads(EngineJob job) {
        return job.threads() > 0 ? job.threads() : Runtime.getRuntime().availableProcessors();
    }

    public static DistillationPlan of(DistillSpec spec, EngineJob job) {
        int threads = threads(job);
        Path work = workFolder(job, spec.name());
        List<TeacherSpec> teachers = new ArrayList<>();
        for (int i = 0; i < spec.teacher().size(); i++) {
            TeacherSettings settings = spec.teacher().get(i);
            TeacherFiles files = teacherFiles(spec, i, job);
            // Each probe is fitted into a folder of its own; the first keeps the folder a teacher alone has.
            teachers.add(new TeacherSpec(files.model(), files.tokenizerFile(), settings.head(), settings.maxLength(),
                    threads, BatchedTeacherRun.DEFAULT_BATCH_SIZE,
                    work.resolve(i == 0 ? "teacher-probe" : "teacher-probe-" + i),
                    SoftmaxRegression.Options.defaults(spec.seed())));
        }
        EnsembleWeights weights = EnsembleWeights.of(spec.teacherWeights(),
                spec.teacher().stream().mapToDouble(TeacherSettings::weight).toArray());
        DataSpec data = new DataSpec(spec.trainFile(), spec.devFile().orElse(null), spec.transferFile().orElse(null),
                spec.data().format(), spec.data().textColumn(), spec.data().labelColumn(), spec.data().labels(),
                spec.data().skipBadRows(), spec.data().devFraction(), spec.seed(), spec.data().features(),
                spec.data().missing(), spec.softTargetFolder().orElse(null));
        TrainingConfig.Builder training = TrainingConfig.builder()
                .epochs(spec.epochs())
                .batchSize(spec.batchSize())
                .accumulationSteps(spec.accumulationSteps())
                .learningRate((float) learningRate(spec))
                .weightDecay((float) spec.weightDecay())
                .warmupFraction((float) spec.warmupFraction())
                .gradientClip((float) spec.gradientClip())
                .temperature((float) spec.temperature())
                .alpha((float) spec.alpha())
                .hiddenWeight((float) spec.hiddenWeight())
                .layerWeight((float) spec.layerWeight())
                .attentionWeight((float) spec.attentionWeight())
                .softLoss(spec.softLoss())
                .seed(spec.seed())
                .patience(spec.patience())
                .device(job.device())
                .threads(threads)
                .adaptiveThreads(job.threads() <= 0)
                .dropout((float) dropout(spec));
        spec.finalTemperature().ifPresent(t -> training.finalTemperature((float) t));
        int[] kernels = spec.student().kernelSizes().stream().mapToInt(Integer::intValue).toArray();
        StudentPlan student = new StudentPlan(spec.student().architecture(), spec.student().embeddingSize(),
                hiddenSize(spec), kernels, spec.student().layers(),
                spec.student().teacherLayers().stream().mapToInt(Integer::intValue).toArray(), spec.student().heads(),
                spec.student().maxLength(), spec.student().embeddings()).withBigramBuckets(spec.student().bigramBuckets());
        AugmentOptions augmentation = new AugmentOptions(spec.augmentation().copies(),
                spec.augmentation().maskProbability(), spec.augmentation().replaceProbability(),
                spec.augmentation().ngramProbability(),
                spec.augmentation().ngramMaxLength(), spec.seed());
        Map<String, String> provenance = new TreeMap<>(job.provenanceOf(spec.name()));
        provenance.put(ProvenanceKeys.DESCRIPTOR, spec.descriptorClass());
        provenance.put(ProvenanceKeys.DISTILL_VERSION, job.pluginVersion());
        BuildTime.of(job.outputTimestamp()).ifPresent(time -> provenance.put(ProvenanceKeys.BUILD_TIME, time));
        return new DistillationPlan(spec.name(), teachers, weights, data, student,
                spec.studentTokenizer().orElse(null), training.build(), augmentation,
                spec.quantization(), spec.pruneVocabulary(), spec.minRetention(), job.thresholds(), threads,
                outputFolder(job, spec.name()), work, job.cache(), settings(spec), provenance);
    }

    /** {@code learningRate}, or when it is unset the student architecture's default. */
    public static double learningRate(DistillSpec spec) {
        return spec.learningRate().orElseGet(() ->
                StudentArchitectures.defaultLearningRate(spec.student().architecture()));
    }

    /** {@code student.hiddenSize}, or when it is 0 the student architecture's default. */
    public static int hiddenSize(DistillSpec spec) {
        return spec.student().hiddenSize() != 0 ? spec.student().hiddenSize()
                : StudentArchitectures.defaultHiddenSize(spec.student().architecture());
    }

    /** {@code student.dropout}, or when it is unset (NaN) the student architecture's default. */
    public static double dropout(DistillSpec spec) {
        return !Double.isNaN(spec.student().dropout()) ? spec.student().dropout()
                : StudentArchitectures.defaultDropout(spec.student().architecture());
    }

    /**
     * The settings for the log, the report and the model metadata: as the descriptor has them, but the learning rate,
     * hidden size and dropout the ones training uses, with where they came from when the descriptor left them unset.
     */
    private static Map<String, String> settings(DistillSpec spec) {
        Map<String, String> settings = new TreeMap<>(spec.asSettings());
        String fromArchitecture = " (the " + spec.student().architecture() + " student's default)";
        if (spec.learningRate().isEmpty()) {
            settings.put("learningRate", learningRate(spec) + fromArchitecture);
        }
        if (spec.student().hiddenSize() == 0) {
            settings.put("student.hiddenSize", hiddenSize(spec) + fromArchitecture);
        }
        if (Double.isNaN(spec.student().dropout())) {
            settings.put("student.dropout", dropout(spec) + fromArchitecture);
        }
        return settings;
    }

    /** Teacher {@code index}'s files: from the descriptor's paths, or as extracted from its artifact by the goal. */
    static TeacherFiles teacherFiles(DistillSpec spec, int index, EngineJob job) {
        TeacherSettings teacher = spec.teacher().get(index);
        if (teacher.fromArtifact()) {
            EngineJob.ResolvedTeacher resolved = job.resolvedTeachers().get(EngineJob.teacherKey(spec.name(), index));
            if (resolved == null) {
                throw new IllegalStateException(spec.name() + ": the teacher artifact " + teacher.artifact()
                        + " was not resolved; run the distill:compress goal, which resolves it with Maven");
            }
            Path model = Path.of(resolved.model());
            return new TeacherFiles(model, model, Path.of(resolved.tokenizer()),
                    ModelFolder.configBeside(model));
        }
        return spec.teacherFiles(teacher).orElseThrow();
    }

    /** The files whose contents decide the result, for the fingerprint. */
    public static List<Path> inputFiles(DistillSpec spec, EngineJob job) {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < spec.teacher().size(); i++) {
            TeacherFiles teacher = teacherFiles(spec, i, job);
            files.addAll(List.of(teacher.modelFile(), teacher.tokenizerFile(), teacher.configFile()));
        }
        spec.studentTokenizer().ifPresent(files::add);
        files.add(spec.trainFile());
        spec.devFile().ifPresent(files::add);
        spec.transferFile().ifPresent(files::add);
        spec.softTargetFolder().ifPresent(folder -> files.addAll(SoftTargetFolder.inputFiles(folder)));
        return files;
    }
}
