package dev.distill.annotations.settings;

import dev.distill.annotations.Architecture;
import dev.distill.annotations.Student;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks {@code @Student}: the sizes of the student network. */
final class StudentChecks {

    private StudentChecks() {
    }

    static void check(Settings student, Diagnostics diagnostics, PathChecker files) {
        RangeCheck.require(diagnostics, "student.embeddingSize", student.integer("embeddingSize"),
                Range.closed(8, 1024), "student.embeddingSize is the width of the token embeddings");
        int hiddenSize = student.integer("hiddenSize");
        if (hiddenSize != 0) {
            RangeCheck.require(diagnostics, "student.hiddenSize", hiddenSize, Range.closed(8, 4096),
                    "student.hiddenSize is the width of the LSTM, the number of CNN filters or the hidden layer"
                            + " (0: the architecture's own)");
        }
        RangeCheck.require(diagnostics, "student.maxLength", student.integer("maxLength"), Range.closed(4, 512),
                "student.maxLength is the student's input length in tokens");
        RangeCheck.requireUnsetOr(diagnostics, "student.dropout", student.real("dropout"), Range.closed(0, 0.9),
                "student.dropout is the dropout probability while training; NaN takes the student architecture's");
        RangeCheck.require(diagnostics, "student.layers", student.integer("layers"), Range.closed(0, 48),
                "student.layers is the number of encoder layers of a TRANSFORMER student, of hidden layers of an MLP,"
                        + " or of BasicBlocks per stage of an IMAGE_CNN (0: chosen for you)");
        RangeCheck.require(diagnostics, "student.heads", student.integer("heads"), Range.closed(1, 64),
                "student.heads is the number of attention heads of a TRANSFORMER student");
        RangeCheck.require(diagnostics, "student.bigramBuckets", student.integer("bigramBuckets"),
                Range.closed(0, Student.MAX_BIGRAM_BUCKETS), "student.bigramBuckets is the number of hashed word-pair rows of a"
                        + " BAG_OF_EMBEDDINGS student; 0 turns bigrams off");
        warnAboutIgnoredSettings(student, diagnostics);
        checkKernelSizes(student, diagnostics);
        // No check that heads divide embeddingSize: a TRANSFORMER is cut from its teacher and has the teacher's
        // width and heads, whatever these say (the build warns when they differ).
        checkTeacherLayers(student, diagnostics);
        // Whether its vocabulary is the teacher's is known only at build time, when the teacher's tokenizer is read.
        if (!student.string("tokenizer").isEmpty()) {
            files.existingFile("student.tokenizer", student.string("tokenizer"), diagnostics);
        }
    }

    /** A setting that only some architectures read ({@link Architecture#ownSettings}), written for another. */
    private static void warnAboutIgnoredSettings(Settings student, Diagnostics diagnostics) {
        String architecture = student.constant("architecture");
        Arrays.stream(Architecture.values()).flatMap(a -> a.ownSettings().stream()).distinct().forEach(setting -> {
            List<String> readers = Arrays.stream(Architecture.values())
                    .filter(a -> a.ownSettings().contains(setting)).map(Architecture::name).toList();
            if (!readers.contains(architecture) && student.isWritten(setting)) {
                String path = "student." + setting;
                diagnostics.warning(path, diagnostics.describe(path) + " has no effect on a " + architecture
                        + " student; it is used only with architecture = " + String.join(" or ", readers));
            }
        });
    }

    /**
     * Teacher layers are counted from 1 and listed in increasing order (so each appears once); how many the teacher
     * has is known only at build time, which checks the upper end. With {@code layers} set too, they must agree.
     */
    private static void checkTeacherLayers(Settings student, Diagnostics diagnostics) {
        int[] chosen = student.integers("teacherLayers");
        for (int i = 0; i < chosen.length; i++) {
            if (RangeCheck.requireElement(diagnostics, "student.teacherLayers", i, chosen[i], Range.closed(1, 48),
                    "a teacher layer is counted from 1 (the layer after the embeddings)")
                    && i > 0 && chosen[i] <= chosen[i - 1]) {
                String element = diagnostics.describe("student.teacherLayers[" + i + "]", Integer.toString(chosen[i]));
                diagnostics.errorAt("student.teacherLayers", i, element + " does not come after "
                        + chosen[i - 1] + ": list the teacher layers to copy once each, in increasing order, e.g."
                        + " {2, 4, 6}");
            }
        }
        int layers = student.integer("layers");
        if (chosen.length > 0 && layers > 0 && layers != chosen.length) {
            diagnostics.error("student.teacherLayers", diagnostics.describe("student.teacherLayers")
                    + " lists " + chosen.length + " teacher layers but student.layers = " + layers + ": each student"
                    + " layer starts from one listed teacher layer; list " + layers + " or leave layers = 0");
        }
    }

    /** The element's own rules, whatever the architecture: an ignored value is still a valid one. */
    private static void checkKernelSizes(Settings student, Diagnostics diagnostics) {
        int[] sizes = student.integers("kernelSizes");
        if (sizes.length == 0) {
            diagnostics.error("student.kernelSizes", diagnostics.describe("student.kernelSizes") + " is empty: a CNN"
                    + " student needs at least one convolution width, e.g. {3, 4, 5}");
        }
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < sizes.length; i++) {
            if (RangeCheck.requireElement(diagnostics, "student.kernelSizes", i, sizes[i], Range.closed(1, 16),
                    "a kernel size is a convolution width in tokens") && !seen.add(sizes[i])) {
                String element = diagnostics.describe("student.kernelSizes[" + i + "]", Integer.toString(sizes[i]));
                diagnostics.errorAt("student.kernelSizes", i, element
                        + " appears twice: each kernel size adds one convolution");
            }
        }
    }
}
