package dev.distill.engine;

import dev.distill.annotations.Head;
import dev.distill.annotations.Quantization;
import dev.distill.engine.data.TeacherSetup;
import dev.distill.engine.data.TransferSet;
import dev.distill.engine.data.TransferSetBuilder;
import dev.distill.engine.evaluate.OnnxParameters;
import dev.distill.engine.evaluate.Scorecard;
import dev.distill.engine.evaluate.SpeedProbe;
import dev.distill.engine.evaluate.StudentSize;
import dev.distill.engine.export.ExportResult;
import dev.distill.engine.export.ExportStep;
import dev.distill.engine.export.OrtLogits;
import dev.distill.engine.export.VocabularyPruning;
import dev.distill.engine.report.DistillReport;
import dev.distill.engine.report.ModelEvaluation;
import dev.distill.engine.report.ReportSummary;
import dev.distill.engine.report.ReportWriter;
import dev.distill.engine.teacher.ProgressListener;
import dev.distill.engine.teacher.SoftTargetCache;
import dev.distill.engine.train.DistillationTrainer;
import dev.distill.engine.train.TrainedStudent;
import dev.distill.onnx.OnnxModels;
import dev.distill.onnx.student.StudentShape;
import dev.distill.runtime.ModelFolder;
import dev.distill.runtime.TextEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    private static final int SPEED_TEXTS = 300;

    private final Consumer<String> log;

    /** @param log receives progress lines (a line every few seconds while a long stage runs) */
    public Distiller(Consumer<String> log) {
        this.log = log;
    }

    public DistillOutcome run(DistillationPlan plan) throws IOException {
        StageClock clock = new StageClock(log);
        Files.createDirectories(plan.workFolder());

        clock.start("teacher setup");
        try (TeacherSetup.Prepared prepared = TeacherSetup.open(plan.teacher(), plan.data(),
                ProgressListener.everyMillis(PROGRESS_MILLIS, "probe teacher: embedding", log))) {
            log.accept("distill: teacher " + prepared.head() + " with labels " + prepared.teacher().labels()
                    + "; " + prepared.data().train().size() + " training rows, " + prepared.data().dev().size()
                    + " dev rows" + (prepared.data().skippedRows() > 0
                            ? ", " + prepared.data().skippedRows() + " bad rows skipped" : ""));

            clock.start("teacher labeling");
            TransferSetBuilder builder = new TransferSetBuilder(prepared.teacher(), plan.student().maxLength())
                    .augment(plan.augmentation())
                    .progress(ProgressListener.everyMillis(PROGRESS_MILLIS, "teacher", log));
            if (plan.cacheFolder() != null) {
                builder.cache(new SoftTargetCache(plan.cacheFolder(), line -> log.accept("distill: warning: " + line)));
            }
            TransferSet transfer = builder.build(prepared.data());
            log.accept(String.format(Locale.ROOT, "distill: teacher dev accuracy %.4f; %d transfer texts (%d gold,"
                    + " %d unlabeled, %d augmented)", transfer.teacherDevAccuracy(), transfer.train().size(),
                    transfer.goldRows(), transfer.transferRows(), transfer.augmentedRows()));

            Path tokenizer = prepared.teacher().tokenizerFile();
            StudentShape shape;
            VocabularyPruning pruning;
            try (TextEncoder encoder = TextEncoder.load(tokenizer, plan.student().maxLength())) {
                shape = shape(plan.student(), encoder.vocabularySize(), transfer.labels().size());
                pruning = plan.pruneVocabulary() ? VocabularyPruning.of(encoder) : null;
            }

            clock.start("training");
            StagePause.at("training");
            try (TrainedStudent trained = new DistillationTrainer(plan.training(), log)
                    .train(shape, transfer.train(), transfer.dev())) {

                clock.start("export, quantization and checks");
                ExportResult export = ExportStep.of(plan.quantization(), pruning, plan.thresholds(), plan.threads())
                        .run(trained, metadata(plan.settings()), transfer.train(), transfer.dev(), i -> "dev row " + (i + 1)
                                + ": " + prepared.data().dev().location(i));
                Path fp32File = plan.workFolder().resolve("student-fp32.onnx");
                OnnxModels.write(export.fp32Model(), fp32File);
                StagePause.at("export");
                float[][] fp32Dev;
                float[][] shippedDev;
                try (OrtLogits fp32Run = OrtLogits.open(export.fp32Model(), plan.threads());
                        OrtLogits shippedRun = OrtLogits.open(export.packagedModel(), plan.threads())) {
                    fp32Dev = fp32Run.logits(transfer.dev());
                    shippedDev = shippedRun.logits(transfer.dev());
                }

                clock.start("evaluation");
                byte[] shippedBytes = OnnxModels.toBytes(export.packagedModel());
                Path stagedModel = plan.workFolder().resolve("student.onnx");
                OnnxModels.write(export.packagedModel(), stagedModel);
                Path teacherModel = teacherClassifierModel(plan, prepared.head());
                int[] gold = transfer.dev().labels();
                int[] teacherPredicted = Scorecard.predictions(transfer.dev().teacherLogits());
                SpeedProbe probe = new SpeedProbe(plan.threads(), SPEED_TEXTS);
                List<String> devTexts = prepared.data().dev().texts();
                List<ModelEvaluation> models = new ArrayList<>();
                models.add(Scorecard.score("teacher", transfer.labels(), gold, teacherPredicted,
                        transfer.dev().teacherLogits(), OnnxParameters.count(OnnxModels.read(teacherModel)),
                        Files.size(teacherModel),
                        probe.measure(teacherModel, tokenizer, prepared.teacher().maxLength(), devTexts)));
                long parameters = trained.exportWeights().parameterCount();
                StudentSize.warning(parameters, models.get(0).parameters())
                        .ifPresent(warning -> log.accept("distill: warning: " + warning));
                models.add(Scorecard.score("student-fp32", transfer.labels(), gold, teacherPredicted, fp32Dev,
                        parameters, Files.size(fp32File),
                        probe.measure(fp32File, tokenizer, plan.student().maxLength(), devTexts)));
                if (plan.quantization() != Quantization.NONE) {
                    models.add(Scorecard.score("student-int8", transfer.labels(), gold, teacherPredicted, shippedDev,
                            parameters, shippedBytes.length,
                            probe.measure(stagedModel, tokenizer, plan.student().maxLength(), devTexts)));
                }

                Map<String, String> provenance = new LinkedHashMap<>(plan.provenance());
                provenance.put("teacher.head", prepared.head().name());
                provenance.put("transfer.texts", Integer.toString(transfer.train().size()));
                provenance.put("parity.maxAbsLogitDiff", Double.toString(export.parityMaxDifference()));
                provenance.put("vocabulary.pruning", export.pruning().describe());
                provenance.put("vocabulary.bytesSaved", Long.toString(export.pruning().bytesSaved()));
                provenance.put("quantization", export.quantizer());
                export.quantizationFallbacks().forEach(line -> log.accept("distill: warning: " + line));
                for (int i = 0; i < export.quantizationFallbacks().size(); i++) {
                    provenance.put("quantization.fallback." + (i + 1), export.quantizationFallbacks().get(i));
                }
                if (export.int8() != null) {
                    provenance.put("int8.agreementWithFp32", Double.toString(export.int8().agreement()));
                }
                clock.stop();
                DistillReport report = new DistillReport(plan.name(), transfer.labels(), models,
                        trained.history().epochs(), trained.history().bestEpoch(), plan.settings(), provenance,
                        clock.seconds(), export.quantizationReport().entries().stream()
                                .map(e -> e.tensor() + ": " + e.op() + " (" + e.fp32Bytes() + " -> " + e.int8Bytes()
                                        + " bytes)")
                                .toList());
                ReportWriter.write(report, plan.workFolder());
                QualityGate.check(plan.minRetention(), report);

                try {
                    StudentFolder.write(plan.outputFolder(), plan.workFolder(), shippedBytes, tokenizer,
                            transfer.labels(), plan.student().maxLength(), report, plan.provenance());
                } catch (IOException e) {
                    // The JDK's "No space left on device" names no file.
                    throw new IOException("Cannot write the student folder " + plan.outputFolder() + " ("
                            + shippedBytes.length + " bytes of model): " + e.getMessage() + "; nothing was written"
                            + " there; free disk space on its file system and build again", e);
                }
                log.accept("distill: " + ReportSummary.line(report));
                log.accept("distill: report " + plan.workFolder().resolve(ReportWriter.HTML));
                return new DistillOutcome(report, plan.outputFolder(), plan.workFolder());
            }
        }
    }

    /** The settings as model metadata, under their own prefix so that they never clash with distill's keys. */
    private static Map<String, String> metadata(Map<String, String> settings) {
        Map<String, String> metadata = new LinkedHashMap<>();
        settings.forEach((k, v) -> metadata.put("setting." + k, v));
        return metadata;
    }

    private static StudentShape shape(StudentPlan s, int vocabulary, int classes) {
        return new StudentShape(s.architecture(), vocabulary, s.embeddingSize(), s.hiddenSize(), s.kernelSizes(),
                classes);
    }

    /** The teacher as a classifier model file: the probe folder's model for a fitted probe. */
    private static Path teacherClassifierModel(DistillationPlan plan, Head head) {
        Path model = head == Head.LINEAR_PROBE ? ModelFolder.at(plan.teacher().probeFolder()).model()
                : plan.teacher().modelFile();
        if (!Files.isRegularFile(model)) {
            throw new UncheckedIOException(new IOException("the teacher's classifier model is missing: " + model));
        }
        return model;
    }
}
