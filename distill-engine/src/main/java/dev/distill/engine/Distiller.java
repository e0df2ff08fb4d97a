package dev.distill.engine;

import dev.distill.annotations.Quantization;
import java.util.Set;
import dev.distill.engine.augment.EmbeddingNeighbours;
import dev.distill.engine.teacher.TeacherOutput;
import dev.distill.engine.teacher.BatchedTeacherRun;
import dev.distill.engine.signal.Signal;
import dev.distill.engine.evaluate.LinearCka;
import dev.distill.engine.init.TeacherEmbeddingTable;
import dev.distill.engine.init.TeacherEmbeddings;
import dev.distill.engine.data.TeacherLabels;
import dev.distill.engine.data.TeacherSetup;
import dev.distill.engine.data.TransferSet;
import dev.distill.engine.data.TransferSetBuilder;
import dev.distill.engine.export.ExportResult;
import dev.distill.engine.export.ExportStep;
import dev.distill.engine.export.VocabularyPruning;
import dev.distill.engine.report.DistillReport;
import dev.distill.engine.report.ModelEvaluation;
import dev.distill.engine.report.ReportSummary;
import dev.distill.engine.report.ReportWriter;
import dev.distill.engine.softtargets.SoftTargets;
import dev.distill.engine.student.StudentArchitectures;
import dev.distill.engine.student.StudentDesign;
import dev.distill.engine.student.StudentTokenizer;
import dev.distill.engine.student.TeacherLayers;
import dev.distill.engine.teacher.EnsembleTeacher;
import dev.distill.engine.teacher.ProbeEmbeddingsTeacher;
import dev.distill.engine.teacher.ProgressListener;
import dev.distill.engine.teacher.SoftTargetCache;
import dev.distill.engine.train.DistillationLoss;
import dev.distill.engine.train.DistillationTrainer;
import dev.distill.engine.train.HiddenWeightChoice;
import dev.distill.engine.train.LayerWeightChoice;
import dev.distill.engine.teacher.LayerTeacher;
import dev.distill.engine.teacher.OnnxLayerTeacher;
import dev.distill.engine.train.TrainedStudent;
import dev.distill.onnx.OnnxModels;
import dev.distill.runtime.ModelFolder;
import dev.distill.runtime.TextEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs one distillation from teacher to packaged student: the teacher labels the data, a student is
 * trained on the soft targets, exported to ONNX and checked against the trained network, quantized
 * and checked again, evaluated against the teacher, gated on {@code minRetention}, and written as a
 * classifier folder that the distill runtime serves. Every stage is timed for the report.
 */
public final class Distiller {

    private static final long PROGRESS_MILLIS = 5_000;

    private final Consumer<String> log;

    /** @param log receives progress lines (a line every few seconds while a long stage runs) */
    public Distiller(Consumer<String> log) {
        this.log = log;
    }

    /**
     * Runs the stages in order; each helper below does one of them, and the evaluation scores the models on the
     * logits the export step computed, so ONNX Runtime runs each exported model over dev once.
     *
     * @return the report, the student folder and the work folder
     * @throws IOException when a file cannot be read or written; the message names it
     */
    public DistillOutcome run(DistillationPlan described) throws IOException {
        switch (described.student().architecture().reads()) {
            // An MLP reads numeric features, an IMAGE_CNN images: their data, teachers and folders are their builds'.
            case FEATURES:
                return new TabularDistiller(log).run(described);
            case IMAGES:
                return new ImageDistiller(log).run(described);
            default:
                break;
        }
        DistillationPlan plan = described;
        StageClock clock = new StageClock(log);
        Files.createDirectories(plan.workFolder());

        clock.start(BuildStage.TEACHER_SETUP);
        SoftTargetCache cache = plan.cacheFolder() == null ? null
                : new SoftTargetCache(plan.cacheFolder(), line -> log.accept("distill: warning: " + line));
        // An ensemble's teachers label the dev texts while it is set up (its weights are weighed on them), each
        // through the cache, which the labelling of the transfer set then reuses.
        TeacherLabels devLabels = new TeacherLabels(cache, BatchedTeacherRun.DEFAULT_BATCH_SIZE,
                ProgressListener.everyMillis(PROGRESS_MILLIS, "teacher (dev)", log));
        try (TeacherSetup.Prepared prepared = TeacherSetup.open(plan.teachers(), plan.data(), plan.teacherWeights(),
                plan.training().temperature(), devLabels,
                ProgressListener.everyMillis(PROGRESS_MILLIS, "probe teacher: embedding", log))) {
            logTeacher(prepared);
            HiddenWeightChoice hidden = HiddenWeightChoice.of(plan.training(), prepared.teacher());
            if (prepared.ensemble() && hidden.training().hiddenWeight() > 0) {
                // A weight set in the descriptor: fail now, before the labelling, with the reason.
                prepared.teacher().checkSignals(Set.of(Signal.POOLED));
            }
            plan = plan.withTraining(hidden.training());
            String hiddenExplanation = hidden.explanation() + (prepared.ensemble() ? "; with several teachers it is"
                    + " off: a mix of probabilities has no one sentence vector" : "");
            log.accept("distill: hidden-state term: " + hiddenExplanation);

            // The student is designed before the teacher labels anything, so that one cut from a teacher whose
            // layers cannot be read fails now rather than after the labeling.
            StudentTokenizer studentTokenizer = StudentTokenizer.of(plan.studentTokenizer(),
                    prepared.teacher().tokenizerFile());
            log.accept("distill: student tokenizer: " + studentTokenizer.explanation());
            Path tokenizer = studentTokenizer.file();
            StudentDesign<?> student;
            VocabularyPruning pruning;
            TeacherLayers teacherLayers = studentTokenizer.mismatch()
                    .map(why -> TeacherLayers.unusable(prepared.classifierModel(), why))
                    .orElseGet(() -> TeacherLayers.of(prepared.classifierModel()));
            try (TextEncoder encoder = TextEncoder.load(tokenizer, plan.student().maxLength())) {
                student = StudentArchitectures.design(plan.student(), teacherLayers,
                        encoder.vocabularySize(), prepared.data().labels().labels().size(), log);
                pruning = plan.pruneVocabulary() ? VocabularyPruning.of(encoder) : null;
            }
            LayerWeightChoice layered = LayerWeightChoice.of(plan.training(), student, teacherLayers);
            plan = plan.withTraining(layered.training());
            log.accept("distill: layer term: " + layered.layerExplanation());
            log.accept("distill: attention term: " + layered.attentionExplanation());

            clock.start(BuildStage.TEACHER_LABELING);
            TeacherEmbeddingTable teacherTable = TeacherEmbeddingTable.of(plan.firstTeacher().modelFile());
            TransferSet transfer = label(plan, prepared, teacherTable, tokenizer, holdSoftTargets(plan, prepared, cache));

            clock.start(BuildStage.TRAINING);
            TeacherEmbeddings.Choice embeddings = student.weights() != null && student.weights().sets("embedding")
                    ? TeacherEmbeddings.setBy(student.weights(), plan.student().embeddings())
                    : TeacherEmbeddings.choose(plan.student().embeddings(), teacherTable,
                            student.sizes().vocabularySize(), plan.student().embeddingSize(),
                            studentTokenizer.mismatch());
            log.accept("distill: student embeddings: " + embeddings.explanation());
            if (embeddings.embeddings().isPresent()) {
                student = student.withEmbeddings(embeddings.embeddings().get());
            }
            if (pruning != null) {
                student = student.withTrainedRows(pruning.trainedRows(student.sizes().vocabularySize(),
                        List.of(transfer.train(), transfer.dev())));
                log.accept("distill: student embeddings: training " + student.trainedRows().describe()
                        + ", the tokens of the transfer and dev sets that vocabulary pruning keeps");
            }
            StagePause.at("training");
            DistillationLoss loss = DistillationLoss.of(plan.training());
            TrainedStudent trainedStudent;
            String besideTraining = null;
            // The teacher run beside the training is closed as soon as the training ends: the export does not need it.
            try (LayerTeacher layerTeacher = layerTeacher(loss, student, teacherLayers, plan.threads())) {
                trainedStudent = new DistillationTrainer(plan.training(), loss, layerTeacher, log)
                        .train(student, transfer.train(), transfer.dev());
                if (layerTeacher != null) {
                    int epochs = Math.max(1, trainedStudent.history().epochs().size());
                    besideTraining = String.format(Locale.ROOT, "%.1f s in all, %.1f s per epoch (its %s of each"
                            + " training batch)", layerTeacher.seconds(), layerTeacher.seconds() / epochs,
                            loss.layerSignals());
                    log.accept("distill: the teacher ran beside the training for " + besideTraining);
                }
            }
            try (TrainedStudent trained = trainedStudent) {

                clock.start(BuildStage.EXPORT);
                ExportResult export = ExportStep.of(plan.quantization(), student.architecture().int8Quantizer(),
                                pruning, plan.thresholds(), plan.threads())
                        .run(trained, metadata(plan.settings()), transfer.train(), transfer.dev(),
                                i -> "dev row " + (i + 1) + ": " + prepared.data().dev().location(i));
                Path fp32File = plan.workFolder().resolve("student-fp32.onnx");
                OnnxModels.write(export.fp32Model(), fp32File);
                StagePause.at("export");

                clock.start(BuildStage.EVALUATION);
                byte[] shippedBytes = OnnxModels.toBytes(export.packagedModel());
                Path stagedModel = plan.workFolder().resolve("student.onnx");
                OnnxModels.write(export.packagedModel(), stagedModel);
                List<ModelEvaluation> models = DevEvaluation.models(plan, prepared, transfer, tokenizer,
                        trained.exportWeights().parameterCount(), export, fp32File, stagedModel, log);
                export.quantizationFallbacks().forEach(line -> log.accept("distill: warning: " + line));
                if (export.quantization() != Quantization.NONE) {
                    log.accept("distill: " + export.quantizer() + ": int8 tensors " + export.quantizationReport().summary());
                }
                Map<String, String> provenance = RunProvenance.of(plan, prepared.head(), transfer, export);
                provenance.put(ProvenanceKeys.STUDENT_EMBEDDINGS, embeddings.explanation());
                provenance.put(ProvenanceKeys.HIDDEN_WEIGHT, hiddenExplanation);
                Map<String, String> ensemble = EnsembleProvenance.of(prepared);
                provenance.putAll(ensemble);
                provenance.put(ProvenanceKeys.LAYER_WEIGHT, layered.layerExplanation());
                provenance.put(ProvenanceKeys.ATTENTION_WEIGHT, layered.attentionExplanation());
                if (besideTraining != null) {
                    provenance.put(ProvenanceKeys.TEACHER_BESIDE_TRAINING, besideTraining);
                }
                if (student.weights() != null) {
                    provenance.put(ProvenanceKeys.STUDENT_INITIAL_WEIGHTS, student.weights().source());
                }
                clock.stop();
                Map<String, Double> knowledge = knowledge(prepared, transfer, trained);
                DistillReport report = new DistillReport(plan.name(), transfer.labels(), models,
                        trained.history().epochs(), trained.history().bestEpoch(), plan.settings(), provenance,
                        clock.seconds(), quantized(export), knowledge, EnsembleProvenance.members(prepared),
                        prepared.ensemble() ? prepared.weighting().explanation() : "");
                ReportWriter.write(report, plan.workFolder());
                QualityGate.check(plan.minRetention(), report);

                writeStudentFolder(plan, shippedBytes, tokenizer, transfer.labels(), report, ensemble);
                log.accept("distill: " + ReportSummary.line(report));
                log.accept("distill: report " + plan.workFolder().resolve(ReportWriter.HTML));
                return new DistillOutcome(report, plan.outputFolder(), plan.workFolder());
            }
        }
    }

    /**
     * The teacher run beside the training when the loss compares the student's layers with the teacher's, on the
     * graph its layers were read from; null when the loss has no such term.
     */
    private static LayerTeacher layerTeacher(DistillationLoss loss, StudentDesign<?> student,
            TeacherLayers teacherLayers, int threads) {
        if (loss.layerSignals().isEmpty()) {
            return null;
        }
        return OnnxLayerTeacher.open(teacherLayers.model(),
                teacherLayers.weights(student.architecture().name().name()), student.teacherLayers(),
                loss.layerSignals(), threads);
    }

    private void logTeacher(TeacherSetup.Prepared prepared) {
        if (prepared.ensemble()) {
            for (TeacherSetup.Member member : prepared.members()) {
                log.accept(String.format(Locale.ROOT, "distill: %s: %s, dev accuracy %.4f", member.name(),
                        member.head(), member.devAccuracy()));
            }
            log.accept("distill: teachers: an ensemble of " + prepared.members().size() + " mixing their"
                    + " probabilities at T = " + ((EnsembleTeacher) prepared.teacher()).temperature() + " with weights "
                    + EnsembleProvenance.weights(prepared) + " (" + prepared.weighting().explanation() + ")");
        }
        log.accept("distill: teacher " + prepared.head() + " with labels " + prepared.teacher().labels()
                + "; " + prepared.data().train().size() + " training rows, " + prepared.data().dev().size()
                + " dev rows" + (prepared.data().skippedRows() > 0
                        ? ", " + prepared.data().skippedRows() + " bad rows skipped" : ""));
    }

    /**
     * The cache with the soft-target folder's rows held in it (a cache in memory when the build has none), so that the
     * teacher labels only the other texts; the build's cache when there is no folder.
     */
    private SoftTargetCache holdSoftTargets(DistillationPlan plan, TeacherSetup.Prepared prepared,
            SoftTargetCache cache) {
        SoftTargets softTargets = prepared.data().softTargets();
        if (softTargets == null) {
            return cache;
        }
        SoftTargetCache holding = cache != null ? cache : SoftTargetCache.inMemory();
        softTargets.fill(holding, prepared.teacher(), DistillationLoss.of(plan.training()).transferSetSignals());
        log.accept("distill: soft targets: " + softTargets.summary() + "; the teacher is not run on them");
        return holding;
    }

    /** The teacher labels the training (and transfer and augmented) texts, from the cache when it can. */
    private TransferSet label(DistillationPlan plan, TeacherSetup.Prepared prepared, TeacherEmbeddingTable table,
            Path studentTokenizer, SoftTargetCache cache) {
        TransferSetBuilder builder = new TransferSetBuilder(prepared.teacher(), plan.student().maxLength())
                .studentTokenizer(studentTokenizer)
                .augment(plan.augmentation())
                .neighbours(EmbeddingNeighbours.forTeacher(plan.augmentation(), table,
                        prepared.teacher().tokenizerFile(), log))
                .signals(DistillationLoss.of(plan.training()).transferSetSignals())
                .progress(ProgressListener.everyMillis(PROGRESS_MILLIS, "teacher", log));
        if (cache != null) {
            builder.cache(cache);
        }
        // A probe fitted in this build answers its training texts from the fit's embeddings: the log says how many.
        ProbeEmbeddingsTeacher fitted = prepared.teacher() instanceof ProbeEmbeddingsTeacher probe ? probe : null;
        ProbeEmbeddingsTeacher.Counts before = fitted == null ? null : fitted.counts();
        TransferSet transfer;
        try {
            transfer = builder.build(prepared.data());
        } catch (IllegalArgumentException e) {
            if (plan.training().hiddenWeight() > 0 && e.getMessage().contains("'" + Signal.POOLED + "'")) {
                throw new IllegalArgumentException("hiddenWeight = " + plan.training().hiddenWeight() + " needs the"
                        + " teacher's sentence vector, which it cannot give: " + e.getMessage()
                        + "; set hiddenWeight = 0 for this teacher", e);
            }
            throw e;
        }
        if (fitted != null) {
            log.accept("distill: teacher labeling: " + fitted.counts().since(before));
        }
        log.accept(String.format(Locale.ROOT, "distill: " + (prepared.ensemble() ? "ensemble" : "teacher")
                + " dev accuracy %.4f; %d transfer texts (%d gold,"
                + " %d unlabeled, %d augmented)", transfer.teacherDevAccuracy(), transfer.train().size(),
                transfer.goldRows(), transfer.transferRows(), transfer.augmentedRows()));
        return transfer;
    }

    /**
     * How much of the teacher's representation the student kept: linear CKA between their sentence vectors on the
     * dev texts (the student's through its adapter when it has one), when the teacher gives sentence vectors.
     */
    private Map<String, Double> knowledge(TeacherSetup.Prepared prepared, TransferSet transfer,
            TrainedStudent trained) {
        if (!prepared.teacher().signals().contains(Signal.POOLED) || transfer.dev().size() < 2) {
            return Map.of();
        }
        List<String> texts = prepared.data().dev().texts();
        List<TeacherOutput> outputs;
        try {
            outputs = new BatchedTeacherRun(prepared.teacher(), BatchedTeacherRun.DEFAULT_BATCH_SIZE,
                    ProgressListener.NONE).outputs(texts, Set.of(Signal.POOLED), prepared.data().dev()::location);
        } catch (IllegalArgumentException e) {
            // A measure for the report, not a check: a teacher whose head is not a linear layer has no sentence
            // vector to compare with, and the build goes on without it.
            log.accept("distill: no CKA in the report: " + e.getMessage());
            return Map.of();
        }
        float[][] teacher = new float[outputs.size()][];
        for (int i = 0; i < teacher.length; i++) {
            teacher[i] = outputs.get(i).signal(Signal.POOLED).values();
        }
        return Map.of(DistillReport.SENTENCE_CKA, LinearCka.of(trained.sentenceVectors(transfer.dev().tokenIds()),
                teacher));
    }

    /** What the int8 step quantized, one line per tensor or op, for the report. */
    private static List<String> quantized(ExportResult export) {
        return export.quantizationReport().entries().stream()
                .map(e -> e.tensor() + ": " + e.op() + " (" + e.fp32Bytes() + " -> " + e.int8Bytes() + " bytes)")
                .toList();
    }

    /** Moves the student folder into place; a failure names the folder and the fix (the JDK's often name neither). */
    private static void writeStudentFolder(DistillationPlan plan, byte[] model, Path tokenizer, List<String> labels,
            DistillReport report, Map<String, String> ensemble) throws IOException {
        Map<String, String> provenance = new LinkedHashMap<>(plan.provenance());
        provenance.putAll(ensemble);
        try {
            StudentFolder.write(plan.outputFolder(), plan.workFolder(), model, tokenizer, labels,
                    plan.student().maxLength(), report, provenance);
        } catch (IOException e) {
            throw StudentFolder.writeFailure(plan.outputFolder(), model.length, e);
        }
    }

    /** The settings as model metadata, under their own prefix so that they never clash with distill's keys. */
    static Map<String, String> metadata(Map<String, String> settings) {
        Map<String, String> metadata = new LinkedHashMap<>();
        settings.forEach((k, v) -> metadata.put("setting." + k, v));
        return metadata;
    }
}
