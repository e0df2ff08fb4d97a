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
     */
    public record Prepared(Teacher teacher, Head head, TrainingData data) implements AutoCloseable {
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
            OnnxClassifierTeacher teacher = openClassifier(teacherSpec, dataSpec);
            try {
                return new Prepared(teacher, head, TrainingDataReader.read(dataSpec, teacher.labels()));
            } catch (RuntimeException e) {
                teacher.close();
                throw e;
            }
        }
        TrainingData data = TrainingDataReader.read(dataSpec, null);
        int maxLength = teacherSpec.maxLength() > 0 ? teacherSpec.maxLength() : OnnxClassifierTeacher.DEFAULT_MAX_LENGTH;
        LinearProbeTeacher.Settings settings = new LinearProbeTeacher.Settings(maxLength,
                teacherSpec.intraOpThreads(), teacherSpec.batchSize(), teacherSpec.probeRegression());
        OnnxClassifierTeacher teacher = ProbeTeacherFolder.fitOrReuse(teacherSpec.probeFolder(), modelFile,
                teacherSpec.tokenizerFile(), data.train().texts(), data.train().labels(), data.labels().labels(),
                settings, progress);
        return new Prepared(teacher, head, data);
    }

    private static OnnxClassifierTeacher openClassifier(TeacherSpec spec, DataSpec dataSpec) {
        Path config = spec.configFile();
        ModelConfig modelConfig = Files.isRegularFile(config) ? ModelConfig.read(config) : null;
        List<String> labels;
        if (modelConfig != null) {
            labels = modelConfig.labels();
        } else if (!dataSpec.labels().isEmpty()) {
            labels = dataSpec.labels();
        } else {
            throw new IllegalArgumentException("The classifier " + spec.modelFile() + " comes without labels: there "
                    + "is no " + config + " with id2label; put one beside the model or list the labels in the "
                    + "order of the model's outputs");
        }
        int maxLength = spec.maxLength() > 0 ? spec.maxLength()
                : modelConfig != null ? modelConfig.maxLength().orElse(OnnxClassifierTeacher.DEFAULT_MAX_LENGTH)
                : OnnxClassifierTeacher.DEFAULT_MAX_LENGTH;
        return OnnxClassifierTeacher.open(spec.modelFile(), spec.tokenizerFile(), labels, maxLength,
                spec.intraOpThreads());
    }
}
