package dev.distill.engine.spec;

import java.util.List;

/**
 * A descriptor or a property override that cannot be used. The message lists every problem found, one a line, each
 * naming the file or property, the setting and the value; {@link #problems()} has them one by one.
 */
public class DistillSpecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /**
     * @param context what the problems are about, e.g. the descriptor file; it heads the message
     * @param problems one message per problem, at least one
     */
    public DistillSpecException(String context, List<String> problems) {
        super(context + (problems.size() == 1 ? ": " + problems.get(0)
                : ": " + problems.size() + " problems:\n  - " + String.join("\n  - ", problems)));
        this.problems = List.copyOf(problems);
    }

    /** The problems, one message each. */
    public List<String> problems() {
        return problems;
    }
}
