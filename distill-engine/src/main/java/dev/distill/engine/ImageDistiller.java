package dev.distill.engine;

import dev.distill.annotations.Embeddings;
import dev.distill.contract.ClassifierGraph;
import dev.distill.engine.augment.ImageAugmenter;
import dev.distill.engine.data.ImageData;
import dev.distill.engine.evaluate.Speed;
import dev.distill.engine.evaluate.SpeedProbe;
import dev.distill.engine.report.DistillReport;
import dev.distill.engine.student.imagecnn.ImageCnnArchitecture;
import dev.distill.engine.student.imagecnn.ImageCnnGraph;
import dev.distill.engine.student.imagecnn.ImageCnnStudent;
import dev.distill.engine.teacher.Logits;
import dev.distill.engine.teacher.OnnxImageTeacher;
import dev.distill.engine.signal.Signal;
import dev.distill.engine.train.FeatureMapTerm;
import dev.distill.engine.train.RowTrainer;
import dev.distill.engine.train.SoftTargets;
import dev.distill.engine.train.TrainedRowStudent;
import dev.distill.engine.train.TrainingConfig;
import dev.distill.runtime.OnnxImageModel;
import dev.distill.runtime.image.ImagePreprocessing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The image build ({@code @Student(architecture = IMAGE_CNN)}): an ONNX image teacher in the HuggingFace layout gives
 * its preprocessing and labels, the class folders (or CSV) are read through its {@code label2id}, a small ResNet
 * learns from the teacher's soft targets on randomly cropped and flipped views (the teacher runs on each augmented
 * batch beside the training, so target and view agree) and the gold labels, and the shared stages follow
 * ({@link RowStudentBuild}): export with BatchNorm folded into the convolutions, parity, int8 (weight-only for the
 * convolutions), evaluation, report, gate and an image classifier folder that {@code ImageClassifier} serves.
 */
final class ImageDistiller {

    private final Consumer<String> log;

    ImageDistiller(Consumer<String> log) {
        this.log = log;
    }

    DistillOutcome run(DistillationPlan plan) throws IOException {
        if (plan.teachers().size() > 1) {
            throw new IllegalArgumentException("an IMAGE_CNN student learns from one image teacher; "
                    + plan.teachers().size() + " are given: ensembles of image teachers are not supported yet");
        }
        if (plan.student().embeddings() == Embeddings.TEACHER) {
            throw new IllegalArgumentException("student.embeddings = TEACHER asks for the teacher's word embeddings,"
                    + " but an IMAGE_CNN student has no embedding table: use AUTO or RANDOM");
        }
        StageClock clock = new StageClock(log);
        Files.createDirectories(plan.workFolder());
        clock.start(BuildStage.TEACHER_SETUP);
        ImageCnnArchitecture architecture = new ImageCnnArchitecture();
        try (OnnxImageTeacher teacher = OnnxImageTeacher.open(plan.firstTeacher().model(), plan.threads())) {
            ImagePreprocessing preprocessing = teacher.preprocessing();
            ImageData data = ImageData.read(plan.data(), teacher.label2id(), preprocessing);
            log.accept("distill: image teacher " + teacher.modelFile() + " with labels " + teacher.labels() + " ("
                    + preprocessing + "); " + data.train().size() + " training images, " + data.dev().size()
                    + " dev images");
            ImageCnnGraph graph = architecture.graph(plan.student(), preprocessing.channels(), preprocessing.height(),
                    preprocessing.width(), teacher.labels().size());

            clock.start(BuildStage.TEACHER_LABELING);
            float[][] devLogits = teacher.logits(data.dev().features());
            log.accept(String.format(Locale.ROOT, "distill: teacher dev accuracy %.4f",
                    Logits.accuracy(devLogits, data.dev().labels())));
            ImageCnnStudent network = architecture.create(graph);
            FeatureMapChoice features = FeatureMapChoice.of(plan.training(), teacher, network);
            TrainingConfig training = features.training();
            log.accept("distill: feature-map term: " + features.explanation());
            Set<Signal> signals = training.hiddenWeight() > 0f ? Set.of(Signal.FEATURE_MAP) : Set.of();
            // With the teacher in the loss it sees each augmented view; without (alpha = 0, no feature-map term) it
            // is not run.
            SoftTargets targets = training.alpha() > 0f || !signals.isEmpty()
                    ? SoftTargets.onTheFly(images -> teacher.rows(images, signals))
                    : SoftTargets.fixed(new float[data.train().size()][teacher.labels().size()]);

            clock.start(BuildStage.TRAINING);
            ImageAugmenter augmenter = new ImageAugmenter(preprocessing, ImageCnnArchitecture.CROP_PADDING, true);
            log.accept("distill: student IMAGE_CNN, stages " + graph.stageWidth(1) + "/" + graph.stageWidth(2) + "/"
                    + graph.stageWidth(3) + " channels, " + graph.blocks() + " BasicBlock(s) each; random initial"
                    + " weights (He); augmentation: random crop with padding " + ImageCnnArchitecture.CROP_PADDING
                    + " and horizontal flip");
            try (TrainedRowStudent trained = new RowTrainer(training, line -> log.accept("distill: " + line),
                    augmenter, FeatureMapTerm::new).train(network, data.train(), targets, data.dev())) {
                Map<String, String> provenance = new LinkedHashMap<>();
                provenance.put(ProvenanceKeys.TEACHER_OUTPUT, ClassifierGraph.LOGITS);
                provenance.put(ProvenanceKeys.HIDDEN_WEIGHT, features.explanation());
                provenance.put(ProvenanceKeys.STUDENT_INITIAL_WEIGHTS, "random (He): an image teacher's weights are"
                        + " not copied");
                provenance.put(ProvenanceKeys.TRANSFER_TEXTS, Integer.toString(data.train().size()));
                provenance.put(ProvenanceKeys.AUGMENTATION, "random crop, padding "
                        + ImageCnnArchitecture.CROP_PADDING + " (black); horizontal flip p = 0.5");
                if (targets.besideTraining()) {
                    provenance.put(ProvenanceKeys.TEACHER_BESIDE_TRAINING, String.format(Locale.ROOT,
                            "%.1f s on the augmented views", targets.totalSeconds()));
                }
                return RowStudentBuild.finish(plan, clock, log, graph, architecture.int8Quantizer(), trained,
                        data.dev(), new RowStudentBuild.TeacherFigures(teacher.labels(), teacher.modelFile(),
                                ClassifierGraph.LOGITS, devLogits), provenance, new Images(preprocessing));
            }
        }
    }

    /** Preprocessed images run through {@code OnnxImageModel}, shipped with their preprocessor_config.json. */
    private record Images(ImagePreprocessing preprocessing) implements RowStudentBuild.Modality {
        @Override
        public float[][] onnxLogits(Path model, float[][] rows, int threads) {
            try (OnnxImageModel onnx = OnnxImageModel.load(model, preprocessing, List.of(ClassifierGraph.LOGITS),
                    threads)) {
                return onnx.forward(rows);
            }
        }

        @Override
        public Speed speed(SpeedProbe probe, Path model, String output, float[][] rows) {
            return probe.measure(model, preprocessing, rows);
        }

        @Override
        public void writeFolder(DistillationPlan plan, byte[] model, List<String> labels, DistillReport report,
                Map<String, String> provenance) throws IOException {
            StudentFolder.writeImage(plan.outputFolder(), plan.workFolder(), model, labels, preprocessing, report,
                    provenance);
        }
    }
}
