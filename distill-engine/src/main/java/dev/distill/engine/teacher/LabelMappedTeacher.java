package dev.distill.engine.teacher;

import dev.distill.engine.signal.Signal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A teacher whose logit columns are put in another order of the same labels, matched by name: how a member of an
 * ensemble whose {@code id2label} lists the labels in another order gives its logits in the first teacher's order.
 * Its fingerprint is the teacher's own with the order, so the soft-target cache keeps each order apart.
 */
public final class LabelMappedTeacher implements Teacher {

    private final Teacher teacher;
    private final List<String> labels;
    /** For each label of {@link #labels}, its column in the teacher's logits. */
    private final int[] columns;

    private LabelMappedTeacher(Teacher teacher, List<String> labels, int[] columns) {
        this.teacher = teacher;
        this.labels = List.copyOf(labels);
        this.columns = columns;
    }

    /**
     * {@code teacher} with its logits in the order of {@code labels}: the teacher itself when its order is that one.
     *
     * @param name names the teacher in an error, e.g. {@code teacher[1] (models/other)}
     * @param reference names where {@code labels} come from, e.g. {@code teacher[0] (models/first)}
     * @throws IllegalArgumentException listing both label sets when they are not the same set of names
     */
    public static Teacher inOrder(Teacher teacher, List<String> labels, String name, String reference) {
        if (teacher.labels().equals(labels)) {
            return teacher;
        }
        if (teacher.labels().size() != labels.size() || !new HashSet<>(teacher.labels()).containsAll(labels)) {
            throw new IllegalArgumentException("the teachers of an ensemble must have the same labels (by name, in"
                    + " any order): " + name + " has " + teacher.labels() + ", " + reference + " has " + labels
                    + "; use teachers of the same task, or make their config.json id2label name the classes alike");
        }
        int[] columns = new int[labels.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = teacher.labels().indexOf(labels.get(i));
        }
        return new LabelMappedTeacher(teacher, labels, columns);
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public float[][] logits(List<String> texts) {
        float[][] logits = teacher.logits(texts);
        float[][] mapped = new float[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            mapped[i] = map(logits[i]);
        }
        return mapped;
    }

    @Override
    public Set<Signal> signals() {
        return teacher.signals();
    }

    @Override
    public List<TeacherOutput> outputsWith(List<String> texts, Set<Signal> beyondLogits) {
        List<TeacherOutput> mapped = new ArrayList<>();
        for (TeacherOutput output : teacher.outputs(texts, beyondLogits)) {
            mapped.add(new TeacherOutput(map(output.logits()), output.signals()));
        }
        return mapped;
    }

    private float[] map(float[] row) {
        float[] mapped = new float[columns.length];
        for (int c = 0; c < columns.length; c++) {
            mapped[c] = row[columns[c]];
        }
        return mapped;
    }

    @Override
    public int maxLength() {
        return teacher.maxLength();
    }

    @Override
    public Path tokenizerFile() {
        return teacher.tokenizerFile();
    }

    @Override
    public String fingerprint() {
        return new ContentHash().add(teacher.fingerprint()).add("labels in the order " + labels).hex();
    }

    @Override
    public void close() {
        teacher.close();
    }
}
