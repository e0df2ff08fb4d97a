package dev.distill.engine.train;

import dev.distill.engine.signal.Signal;
import java.util.Objects;
import java.util.Set;

/** What every {@link LossTerm} of the engine shares: its name, its weight and the signals it reads. */
abstract class NamedTerm implements LossTerm {

    private final String name;
    private final float weight;
    private final Set<Signal> signals;

    NamedTerm(String name, float weight, Set<Signal> signals) {
        this.name = Objects.requireNonNull(name, "name");
        this.weight = weight;
        this.signals = Set.copyOf(signals);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final float weight() {
        return weight;
    }

    @Override
    public final Set<Signal> signals() {
        return signals;
    }
}
