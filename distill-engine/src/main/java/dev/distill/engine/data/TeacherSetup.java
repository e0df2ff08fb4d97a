package dev.distill.engine.data;

import dev.distill.annotations.Head;
import dev.distill.engine.teacher.EnsembleTeacher;
import dev.distill.engine.teacher.EnsembleWeights;
import dev.distill.engine.teacher.LabelMappedTeacher;
import dev.distill.engine.teacher.LinearProbeTeacher;
import dev.distill.engine.teacher.Logits;
import dev.distill.engine.teacher.OnnxClassifierTeacher;
import dev.distill.engine.teacher.ProbeTeacherFolder;
import dev.distill.engine.teacher.ProgressListener;
import dev.distill.engine.teacher.Teacher;
import dev.distill.engine.teacher.TeacherHeads;
import dev.distill.engine.teacher.TeacherSpec;
import dev.distill.runtime.ModelConfig;
import dev.distill.runtime.ModelFolder;
import dev.distill.runtime.data.DataFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the teacher and reads the data, in the order each needs the other: a classifier teacher
 * gives the label set the data is mapped onto; a linear probe takes its labels from the data and is
 * fitted on the training rows (never on the dev rows, so its dev accuracy is honest).
 *
 * <p>Several teachers make an {@link EnsembleTeacher}: the first is opened as a teacher alone is, and reads the data;
 * each other one is opened the same way on that data (a probe fitted on its training rows), its logits mapped onto
 * the first teacher's labels by name; each labels the dev texts, the {@link EnsembleWeights} weigh them, and the
 * ensemble mixes them.
 */
public final class TeacherSetup {

    /**
     * A teacher with the data it labels.
     *
     * @param teacher the opened teacher (an {@link EnsembleTeacher} for several); close it
     * @param head the head the (first) teacher was made with (never AUTO)
     * @param data the data, labels mapped onto the (first) teacher's
     * @param classifierModel the (first) teacher's classifier ONNX model: its own, or for a probe the fitted folder's
     *     (encoder, pooling and the fitted head), which a student cut from the teacher reads its layers and head from
     * @param members each teacher, in the descriptor's order: the teacher itself when there is one
     * @param weighting each member's weight in the mix and how it was found; {@code [1.0]} for one teacher
     */
    public record Prepared(Teacher teacher, Head head, TrainingData data, Path classifierModel, List<Member> members,
            EnsembleWeights.Weighting weighting) implements AutoCloseable {

        /** One teacher alone. */
        public Prepared(Teacher teacher, Head head, TrainingData data, Path classifierModel) {
            this(teacher, head, data, classifierModel,
                    List.of(new Member("teacher", teacher, head, classifierModel, Double.NaN)),
                    new EnsembleWeights.Weighting(new double[] {1}, "one teacher"));
        }

        /** Whether the teacher is an ensemble of several. */
        public boolean ensemble() {
            return members.size() > 1;
        }

        @Override
        public void close() {
            teacher.close();
        }
    }

    /**
     * One teacher of an ensemble.
     *
     * @param name {@code teacher[i]} with its model, for the log and the report
     * @param teacher its logits in the ensemble's label order
     * @param head the head it was made with
     * @param classifierModel its classifier ONNX model (for a probe, the fitted folder's)
     * @param devAccuracy its accuracy on the labelled dev rows, NaN when not measured (one teacher alone: the
     *     labelling measures it)
     */
    public record Member(String name, Teacher teacher, Head head, Path classifierModel, double devAccuracy) {
    }

    private TeacherSetup() {
    }

    /**
     * Opens the teachers and reads {@code dataSpec}: one teacher as {@link #open(TeacherSpec, DataSpec,
     * ProgressListener)} does, several as an ensemble.
     *
     * @param weights weighs an ensemble's teachers on their dev logits
     * @param temperature the temperature the ensemble mixes its teachers' probabilities at
     * @param labels labels the dev texts with each teacher of an ensemble (through the cache, which the
     *     labelling of the transfer set then reuses)
     * @throws IllegalArgumentException when the teachers' label sets differ (listing both), or as the one-teacher
     *     {@code open}
     */
    public static Prepared open(List<TeacherSpec> teacherSpecs, DataSpec dataSpec, EnsembleWeights weights,
            float temperature, TeacherLabels labels, ProgressListener progress) {
        if (teacherSpecs.isEmpty()) {
            throw new IllegalArgumentException("no teacher: a distillation needs at least one");
        }
        Prepared first = open(teacherSpecs.get(0), dataSpec, progress);
        if (teacherSpecs.size() == 1) {
            return first;
        }
        List<Teacher> opened = new ArrayList<>(List.of(first.teacher()));
        try {
            List<String> labelOrder = first.teacher().labels();
            String reference = name(0, teacherSpecs.get(0));
            List<Opened> others = new ArrayList<>();
            for (int i = 1; i < teacherSpecs.size(); i++) {
                Opened member = openMember(teacherSpecs.get(i), first.data(), progress);
                opened.add(member.teacher());
                Teacher mapped = LabelMappedTeacher.inOrder(member.teacher(), labelOrder,
                        name(i, teacherSpecs.get(i)), reference);
                opened.set(i, mapped);
                others.add(new Opened(mapped, member.head(), member.classifierModel()));
            }
            TextDataset dev = first.data().dev();
            List<float[][]> devLogits = new ArrayList<>();
            for (Teacher teacher : opened) {
                devLogits.add(labels.logits(teacher, dev.texts(), dev::location));
            }
            EnsembleWeights.Weighting weighting = weights.weigh(devLogits, dev.labels(), EnsembleWeights.JUDGED_AT);
            List<Member> members = new ArrayList<>();
            for (int i = 0; i < opened.size(); i++) {
                Head head = i == 0 ? first.head() : others.get(i - 1).head();
                Path model = i == 0 ? first.classifierModel() : others.get(i - 1).classifierModel();
                members.add(new Member(name(i, teacherSpecs.get(i)), opened.get(i), head, model,
                        Logits.accuracy(devLogits.get(i), dev.labels())));
            }
            EnsembleTeacher ensemble = new EnsembleTeacher(opened, weighting.weights(), temperature);
            return new Prepared(ensemble, first.head(), first.data(), first.classifierModel(), members, weighting);
        } catch (RuntimeException e) {
            opened.forEach(teacher -> {
                try {
                    teacher.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            });
            throw e;
        }
    }

    /** {@code teacher[i] (its model)}: how the log, the report and errors name a teacher of an ensemble. */
    static String name(int index, TeacherSpec spec) {
        return "teacher[" + index + "] (" + spec.model().getFileName() + ")";
    }

    /** A teacher opened on data already read, before its labels are mapped. */
    private record Opened(Teacher teacher, Head head, Path classifierModel) {
    }

    /**
     * Opens the teacher of {@code teacherSpec} and reads {@code dataSpec}.
     *
     * @param progress told how many training texts are embedded while a probe is fitted
     * @throws DataFileException on bad data
     * @throws IllegalArgumentException when the model is neither a classifier nor an encoder, or a
     *     classifier model file comes without labels
     */
    public static Prepared open(TeacherSpec teacherSpec, DataSpec dataSpec, ProgressListener progress) {
        Path modelFile = teacherSpec.modelFile();
        Head head = TeacherHeads.resolve(teacherSpec.head(), modelFile);
        if (head == Head.CLASSIFIER) {
            // The inputs first: a bad row or label fails before the model is loaded.
            ModelConfig modelConfig = modelConfig(teacherSpec);
            List<String> labels = classifierLabels(teacherSpec, dataSpec, modelConfig);
            TrainingData data = TrainingDataReader.read(dataSpec, labels);
            return new Prepared(classifier(teacherSpec, labels, modelConfig), head, data, modelFile);
        }
        TrainingData data = TrainingDataReader.read(dataSpec, null);
        return new Prepared(probe(teacherSpec, data, progress), head, data,
                ModelFolder.at(teacherSpec.probeFolder()).model());
    }

    /**
     * Opens a classifier teacher on its own, without data: its labels are its config.json's {@code id2label}. This is
     * the teacher a labelling job outside the engine (distill-spark's executors) runs, opened as {@link #open} opens
     * a classifier, so that its logits are the engine's. A linear probe is fitted on labelled rows; such a job is
     * given the probe's fitted classifier folder (the {@code probeFolder} a build wrote), which is a classifier.
     *
     * @throws IllegalArgumentException when the model has no config.json with id2label beside it, or is not a
     *     classifier
     */
    public static Teacher openClassifier(TeacherSpec teacherSpec) {
        Path modelFile = teacherSpec.modelFile();
        Head head = TeacherHeads.resolve(teacherSpec.head(), modelFile);
        if (head != Head.CLASSIFIER) {
            throw new IllegalArgumentException("The teacher " + modelFile + " is not a classifier (its head is " + head
                    + "); fit its linear probe with a build first and give the probe's classifier folder (the build's"
                    + " probeFolder), which has model.onnx, tokenizer.json and config.json");
        }
        ModelConfig modelConfig = modelConfig(teacherSpec);
        if (modelConfig == null) {
            throw new IllegalArgumentException("The classifier " + modelFile + " comes without labels: there is no "
                    + teacherSpec.configFile() + " with id2label; put one beside the model");
        }
        return classifier(teacherSpec, modelConfig.labels(), modelConfig);
    }

    /** Another teacher of an ensemble, on the data the first one read: a classifier with its own labels, or a probe. */
    private static Opened openMember(TeacherSpec teacherSpec, TrainingData data,
            ProgressListener progress) {
        Path modelFile = teacherSpec.modelFile();
        Head head = TeacherHeads.resolve(teacherSpec.head(), modelFile);
        if (head == Head.CLASSIFIER) {
            // Its id2label, mapped by name onto the first teacher's; without one, it answers in the data's order.
            ModelConfig modelConfig = modelConfig(teacherSpec);
            List<String> labels = modelConfig != null ? modelConfig.labels() : data.labels().labels();
            return new Opened(classifier(teacherSpec, labels, modelConfig), head, modelFile);
        }
        return new Opened(probe(teacherSpec, data, progress), head, ModelFolder.at(teacherSpec.probeFolder()).model());
    }

    private static ModelConfig modelConfig(TeacherSpec teacherSpec) {
        Path config = teacherSpec.configFile();
        return Files.isRegularFile(config) ? ModelConfig.read(config) : null;
    }

    private static OnnxClassifierTeacher classifier(TeacherSpec teacherSpec, List<String> labels,
            ModelConfig modelConfig) {
        int maxLength = teacherSpec.maxLength() > 0 ? teacherSpec.maxLength()
                : modelConfig != null ? modelConfig.maxLength().orElse(OnnxClassifierTeacher.DEFAULT_MAX_LENGTH)
                : OnnxClassifierTeacher.DEFAULT_MAX_LENGTH;
        return OnnxClassifierTeacher.open(teacherSpec.modelFile(), teacherSpec.tokenizerFile(), labels, maxLength,
                teacherSpec.intraOpThreads());
    }

    /** A linear probe fitted on the training rows (or its folder reused), with the data's labels. */
    private static Teacher probe(TeacherSpec teacherSpec, TrainingData data, ProgressListener progress) {
        int maxLength = teacherSpec.maxLength() > 0 ? teacherSpec.maxLength() : OnnxClassifierTeacher.DEFAULT_MAX_LENGTH;
        LinearProbeTeacher.Settings settings = new LinearProbeTeacher.Settings(maxLength,
                teacherSpec.intraOpThreads(), teacherSpec.batchSize(), teacherSpec.probeRegression());
        return ProbeTeacherFolder.fitOrReuse(teacherSpec.probeFolder(), teacherSpec.modelFile(),
                teacherSpec.tokenizerFile(), data.train().texts(), data.train().labels(), data.labels().labels(),
                settings, progress);
    }

    /** A classifier's labels: its config.json's id2label, else the descriptor's explicit list. */
    private static List<String> classifierLabels(TeacherSpec spec, DataSpec dataSpec, ModelConfig modelConfig) {
        if (modelConfig == null) {
            if (dataSpec.labels().isEmpty()) {
                throw new IllegalArgumentException("The classifier " + spec.modelFile() + " comes without labels:"
                        + " there is no " + spec.configFile() + " with id2label; put one beside the model or list the"
                        + " labels in the order of the model's outputs");
            }
            return dataSpec.labels();
        }
        List<String> labels = modelConfig.labels();
        if (!dataSpec.labels().isEmpty() && !dataSpec.labels().equals(labels)) {
            throw new IllegalArgumentException("data.labels = " + dataSpec.labels() + " differ from the teacher's"
                    + " id2label " + labels + " in " + spec.configFile() + ": a classifier's labels are its id2label,"
                    + " in the order of its outputs; leave data.labels empty, or write them as id2label has them");
        }
        return labels;
    }
}
