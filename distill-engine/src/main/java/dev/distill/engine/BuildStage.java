package dev.distill.engine;

/** The timed stages of one distillation, in the order they run; the report and the log name them by title. */
public enum BuildStage {

    TEACHER_SETUP("teacher setup"),
    TEACHER_LABELING("teacher labeling"),
    TRAINING("training"),
    EXPORT("export, quantization and checks"),
    EVALUATION("evaluation");

    private final String title;

    BuildStage(String title) {
        this.title = title;
    }

    /** How the log and the report ({@code stageSeconds} in report.json) name the stage, e.g. {@code training}. */
    public String title() {
        return title;
    }
}
