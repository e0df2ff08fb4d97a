package dev.distill.engine.data;

import dev.distill.annotations.Head;
import dev.distill.engine.teacher.LinearProbeTeacher;
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
import java.util.List;

/**
 * Opens the teacher and reads the data, in the order each needs the other: a classifier teacher
 * gives the label set the data is mapped onto; a linear probe takes its labels from the data and is
 * fitted on the training rows (never on the dev rows, so its dev accuracy is honest).
 */
public final class TeacherSetup {

    /**
     * A teacher with the data it labels.
     *
     * @param teacher the opened teacher; close it
     * @param head the head the teacher was made with (never AUTO)
     * @param data the data, labels mapped onto the teacher's
     * @param classifierModel the teacher's classifier ONNX model: its own, or for a probe the fitted folder's
     *     (encoder, pooling and the fitted head), which a student cut from the teacher reads its layers and head from
     */
    public record Prepared(Teacher teacher, Head head, TrainingData data, Path classifierModel)
            implements AutoCloseable {
        @Override
        public void close() {
            teacher.close();
        }
    }

    private TeacherSetup() {
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
            Path config = teacherSpec.configFile();
            ModelConfig modelConfig = Files.isRegularFile(config) ? ModelConfig.read(config) : null;
            List<String> labels = classifierLabels(teacherSpec, dataSpec, modelConfig);
            TrainingData data = TrainingDataReader.read(dataSpec, labels);
            int maxLength = teacherSpec.maxLength() > 0 ? teacherSpec.maxLength()
                    : modelConfig != null ? modelConfig.maxLength().orElse(OnnxClassifierTeacher.DEFAULT_MAX_LENGTH)
                    : OnnxClassifierTeacher.DEFAULT_MAX_LENGTH;
            OnnxClassifierTeacher teacher = OnnxClassifierTeacher.open(modelFile, teacherSpec.tokenizerFile(), labels,
                    maxLength, teacherSpec.intraOpThreads());
            return new Prepared(teacher, head, data, modelFile);
        }
        TrainingData data = TrainingDataReader.read(dataSpec, null);
        int maxLength = teacherSpec.maxLength() > 0 ? teacherSpec.maxLength() : OnnxClassifierTeacher.DEFAULT_MAX_LENGTH;
        LinearProbeTeacher.Settings settings = new LinearProbeTeacher.Settings(maxLength,
                teacherSpec.intraOpThreads(), teacherSpec.batchSize(), teacherSpec.probeRegression());
        Teacher teacher = ProbeTeacherFolder.fitOrReuse(teacherSpec.probeFolder(), modelFile,
                teacherSpec.tokenizerFile(), data.train().texts(), data.train().labels(), data.labels().labels(),
                settings, progress);
        return new Prepared(teacher, head, data, ModelFolder.at(teacherSpec.probeFolder()).model());
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
