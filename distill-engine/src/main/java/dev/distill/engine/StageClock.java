package dev.distill.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Wall time of each build stage, in the order they ran, for the report and the log. */
final class StageClock {

    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private final Consumer<String> log;
    private BuildStage current;
    private long start;

    StageClock(Consumer<String> log) {
        this.log = log;
    }

    void start(BuildStage stage) {
        stop();
        current = stage;
        start = System.nanoTime();
        log.accept("distill: " + stage.title() + " ...");
    }

    void stop() {
        if (current != null) {
            double s = (System.nanoTime() - start) / 1e9;
            seconds.put(current.title(), s);
            log.accept(String.format(java.util.Locale.ROOT, "distill: %s done in %.1f s", current.title(), s));
            current = null;
        }
    }

    /** Seconds by stage title, as the report keeps them. */
    Map<String, Double> seconds() {
        return seconds;
    }
}
