package dev.distill.annotations.settings;

import dev.distill.annotations.Architecture;

/**
 * Every rule that a descriptor's settings must follow (ranges, consistency, paths and files), for any source of
 * settings: the annotation processor runs them on {@code @Distill} at compile time, the plugin on the descriptor JSON
 * with its overrides applied. Both therefore accept the same values and say the same things about the others.
 *
 * <p>Rules that need the whole compilation (two descriptors with the same name) or the compiler itself stay with
 * the processor.
 */
public final class DescriptorChecks {

    private DescriptorChecks() {
    }

    /**
     * Runs {@link #checkName} and {@link #checkSettings}.
     *
     * @param distill the settings of one descriptor, from the top ({@code name}, {@code teacher}, ...)
     * @param diagnostics receives every error and warning
     * @param files resolves and checks the paths of the teacher and the data
     */
    public static void check(Settings distill, Diagnostics diagnostics, PathChecker files) {
        checkName(distill, diagnostics);
        checkSettings(distill, diagnostics, files);
    }

    /**
     * Checks {@code name}: non-empty, {@code [a-z0-9][a-z0-9._-]*}, at most 64 characters, not reserved.
     *
     * @return whether the name is valid, so that a caller may go on to check that it is unique
     */
    public static boolean checkName(Settings distill, Diagnostics diagnostics) {
        return NameRules.check(distill.string("name"), diagnostics);
    }

    /** Checks every setting but {@code name}: the teacher, the data, the student and the training. */
    public static void checkSettings(Settings distill, Diagnostics diagnostics, PathChecker files) {
        TeacherChecks.check(distill, diagnostics, files);
        boolean images = Architecture.valueOf(distill.nested("student").constant("architecture")).reads()
                == Architecture.Reads.IMAGES;
        DataChecks.check(distill.nested("data"), images, diagnostics, files);
        StudentChecks.check(distill.nested("student"), diagnostics, files);
        if (images) {
            ImageChecks.check(distill.nested("data"), distill.nested("student"), diagnostics);
        } else {
            TabularChecks.check(distill.nested("data"), distill.nested("student"), distill.nested("augmentation"),
                    diagnostics);
        }
        TrainingChecks.check(distill, diagnostics);
    }
}
