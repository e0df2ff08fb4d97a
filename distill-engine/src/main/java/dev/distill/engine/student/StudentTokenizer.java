package dev.distill.engine.student;

import dev.distill.runtime.ModelLoadException;
import dev.distill.runtime.TextEncoder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The tokenizer the student reads with ({@code student.tokenizer} when it is set, else the first teacher's), and
 * whether its vocabulary is that teacher's: the same tokens with the same ids. Only then may the student take what the
 * teacher's token ids index: its word embeddings and, for a student cut from the teacher, its layers.
 *
 * @param file the tokenizer.json the student reads with and ships with
 * @param mismatch how its vocabulary differs from the first teacher's, a sentence that names both files; empty when it
 *     is the same
 * @param explanation which tokenizer it is and why, one line for the log
 */
public record StudentTokenizer(Path file, Optional<String> mismatch, String explanation) {

    public StudentTokenizer {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(mismatch, "mismatch");
        Objects.requireNonNull(explanation, "explanation");
    }

    /**
     * @param named {@code student.tokenizer}, resolved, or null for the first teacher's
     * @param teacherTokenizer the first teacher's tokenizer.json
     * @throws IllegalArgumentException naming {@code student.tokenizer} when it cannot be read as a tokenizer
     */
    public static StudentTokenizer of(Path named, Path teacherTokenizer) {
        if (named == null || named.equals(teacherTokenizer)) {
            return new StudentTokenizer(teacherTokenizer, Optional.empty(),
                    teacherTokenizer + " (the first teacher's)");
        }
        // The length only bounds encoding, which this does not do; the vocabularies are what is compared.
        try (TextEncoder student = open(named); TextEncoder teacher = TextEncoder.load(teacherTokenizer, 8)) {
            Optional<String> mismatch = differences(student.vocabulary(), teacher.vocabulary(), named,
                    teacherTokenizer);
            return new StudentTokenizer(named, mismatch, mismatch.orElse(named
                    + " (student.tokenizer; the first teacher's vocabulary, so the teacher's embeddings apply)"));
        }
    }

    /** Whether the student's token ids are the teacher's. */
    public boolean sharesTeacherVocabulary() {
        return mismatch.isEmpty();
    }

    private static TextEncoder open(Path named) {
        try {
            return TextEncoder.load(named, 8);
        } catch (ModelLoadException e) {
            throw new IllegalArgumentException("student.tokenizer = " + named + " is not a tokenizer distill can read ("
                    + e.getMessage() + "): name a HuggingFace tokenizer.json, or leave student.tokenizer empty for the"
                    + " first teacher's", e);
        }
    }

    private static Optional<String> differences(Map<String, Integer> student, Map<String, Integer> teacher,
            Path named, Path teacherTokenizer) {
        if (student.equals(teacher)) {
            return Optional.empty();
        }
        long moved = student.entrySet().stream().filter(e -> !e.getValue().equals(teacher.get(e.getKey()))).count();
        return Optional.of("student.tokenizer " + named + " has another vocabulary than the first teacher's: "
                + student.size() + " tokens against " + teacher.size() + " in " + teacherTokenizer + ", " + moved
                + " of them missing there or with another id");
    }
}
