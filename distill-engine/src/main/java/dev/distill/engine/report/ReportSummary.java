package dev.distill.engine.report;

import java.util.Locale;

/**
 * The headline of a report: how much of the teacher's accuracy the shipped student keeps, and how
 * much faster and smaller it is. Used by the page, the JSON and the build log alike.
 */
public final class ReportSummary {

    private ReportSummary() {
    }

    /** The student that ships: the int8 one when there is one, else the fp32 one. */
    public static ModelEvaluation shipped(DistillReport report) {
        ModelEvaluation int8 = report.model(ModelRole.STUDENT_INT8);
        return int8 != null ? int8 : report.model(ModelRole.STUDENT_FP32);
    }

    /** Shipped student accuracy over teacher accuracy, or NaN when either is missing. */
    public static double retention(DistillReport report) {
        ModelEvaluation teacher = report.model(ModelRole.TEACHER);
        ModelEvaluation student = shipped(report);
        if (teacher == null || student == null || teacher.accuracy() <= 0) {
            return Double.NaN;
        }
        return student.accuracy() / teacher.accuracy();
    }

    /**
     * With several teachers, the shipped student's accuracy over the best single teacher's; NaN for one teacher
     * (then {@link #retention} is against it) or when either is missing.
     */
    public static double retentionAgainstBestTeacher(DistillReport report) {
        ModelEvaluation student = shipped(report);
        double best = bestTeacherAccuracy(report);
        return student == null || !(best > 0) ? Double.NaN : student.accuracy() / best;
    }

    /** The best dev accuracy of an ensemble's teachers alone, NaN for one teacher. */
    public static double bestTeacherAccuracy(DistillReport report) {
        return report.teachers().stream().mapToDouble(EnsembleMember::devAccuracy).filter(a -> !Double.isNaN(a))
                .max().orElse(Double.NaN);
    }

    /** Teacher latency over student latency (how many times faster), or NaN. */
    public static double speedup(DistillReport report) {
        ModelEvaluation teacher = report.model(ModelRole.TEACHER);
        ModelEvaluation student = shipped(report);
        if (teacher == null || student == null) {
            return Double.NaN;
        }
        return teacher.latencyP50Ms() / student.latencyP50Ms();
    }

    /** Teacher file size over student file size (how many times smaller), or NaN. */
    public static double shrink(DistillReport report) {
        ModelEvaluation teacher = report.model(ModelRole.TEACHER);
        ModelEvaluation student = shipped(report);
        if (teacher == null || student == null || student.fileBytes() <= 0) {
            return Double.NaN;
        }
        return teacher.fileBytes() / (double) student.fileBytes();
    }

    /** One line for the build log and the top of the page. */
    public static String line(DistillReport report) {
        ModelEvaluation teacher = report.model(ModelRole.TEACHER);
        ModelEvaluation student = shipped(report);
        if (teacher == null || student == null) {
            return report.name() + ": no evaluation";
        }
        String against = report.teachers().isEmpty() ? String.format(Locale.ROOT,
                "teacher %.2f%% (retention %.1f%%)", teacher.accuracy() * 100, retention(report) * 100)
                : String.format(Locale.ROOT, "an ensemble of %d teachers %.2f%% (retention %.1f%%; %.1f%% of the"
                        + " best teacher alone, %.2f%%)", report.teachers().size(), teacher.accuracy() * 100,
                        retention(report) * 100, retentionAgainstBestTeacher(report) * 100,
                        bestTeacherAccuracy(report) * 100);
        return String.format(Locale.ROOT,
                "%s: %s student %.2f%% dev accuracy vs %s, %sx faster, %sx smaller (%s vs %s)",
                report.name(), student.role().precision(), student.accuracy() * 100, against,
                Html.decimal(speedup(report), 1),
                Html.decimal(shrink(report), 1), Html.bytes(student.fileBytes()), Html.bytes(teacher.fileBytes()));
    }
}
