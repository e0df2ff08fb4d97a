package dev.distill.spark;

import dev.distill.engine.data.TeacherSetup;
import dev.distill.engine.teacher.Teacher;
import java.util.HashMap;
import java.util.Map;

/**
 * The teachers open in this JVM: one ONNX Runtime session per teacher and executor, opened by the first task that
 * needs it and shared by the tasks that run at once on the executor (a session's {@code run} is thread-safe). It is
 * closed when the JVM ends, so later tasks of the same job (and retried ones) find it loaded.
 */
final class ExecutorTeachers {

    private static final Map<TeacherSettings, Teacher> OPEN = new HashMap<>();

    private ExecutorTeachers() {
    }

    /**
     * The teacher of these settings, opened on first use.
     *
     * @param taskCores the cores a task holds: the session's intra-op threads when the settings give none
     */
    static synchronized Teacher of(TeacherSettings settings, int taskCores) {
        return OPEN.computeIfAbsent(settings, s -> {
            Teacher teacher = TeacherSetup.openClassifier(s.spec(taskCores));
            Runtime.getRuntime().addShutdownHook(new Thread(teacher::close, "distill-teacher-close"));
            return teacher;
        });
    }
}
