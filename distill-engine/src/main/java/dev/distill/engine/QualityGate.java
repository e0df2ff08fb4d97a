package dev.distill.engine;

import dev.distill.engine.report.DistillReport;
import dev.distill.engine.report.ModelEvaluation;
import dev.distill.engine.report.ModelRole;
import dev.distill.engine.report.ReportSummary;
import java.util.Locale;

/** Fails the build when the shipped student keeps too little of the teacher's dev accuracy. */
final class QualityGate {

    private QualityGate() {
    }

    /**
     * @param minRetention least student/teacher accuracy ratio (with several teachers, against their ensemble, the
     *     report's teacher); 0 turns the gate off
     */
    static void check(double minRetention, DistillReport report) {
        if (minRetention <= 0) {
            return;
        }
        double retention = ReportSummary.retention(report);
        if (!(retention >= minRetention)) {
            ModelEvaluation student = ReportSummary.shipped(report);
            ModelEvaluation teacher = report.model(ModelRole.TEACHER);
            throw new QualityGateException(String.format(Locale.ROOT,
                    "%s: the %s student's dev accuracy %.4f is %.1f%% of the %s's %.4f, below minRetention = %s."
                            + " Fix: train longer (-Ddistill.epochs), a larger student (-Ddistill.student.hiddenSize),"
                            + " more transfer data (@Dataset(transfer) or @Augmentation(copies)), or lower"
                            + " minRetention. The report: report.html",
                    report.name(), student.role().precision(), student.accuracy(), retention * 100,
                    report.teachers().isEmpty() ? "teacher" : "teachers' ensemble", teacher.accuracy(), minRetention));
        }
    }
}
