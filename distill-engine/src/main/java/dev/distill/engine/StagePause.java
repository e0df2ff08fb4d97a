package dev.distill.engine;

/**
 * Test-only fault injection. With {@code -Ddistill.test.pauseAt=<point>} the engine prints
 * {@link #MARKER}{@code <point>} when it reaches that point and then sleeps until it is killed, so a
 * test can kill it (SIGKILL) at an exact step instead of racing a fast one. The points are
 * {@code training}, {@code export}, {@code packaging} (the student folder staged, nothing moved yet)
 * and {@code packaging-swap} (the old student folder set aside, the new one not yet in place).
 * Without the property, which no build sets, a point does nothing.
 */
public final class StagePause {

    /** The system property naming the point to pause at. */
    public static final String PROPERTY = "distill.test.pauseAt";

    /** Starts the line printed on reaching the point; the point's name and the process id follow. */
    public static final String MARKER = "distill-test: paused at ";

    private StagePause() {
    }

    /** Pauses for good when the property names this point; returns at once otherwise. */
    static void at(String point) {
        if (!point.equals(System.getProperty(PROPERTY))) {
            return;
        }
        System.out.println(MARKER + point + " (pid " + ProcessHandle.current().pid() + ")");
        System.out.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // Only a kill ends the pause: that is the point of it.
            }
        }
    }
}
