package dev.distill.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The guard's choices on a simulated machine whose speed per thread count the test sets: the clock advances by a
 * batch's tokens over the machine's rate for the count the guard has set. (The rates themselves are what
 * bench/run measures on real cores; a timed test here would measure the test machine's noise.)
 */
class ThreadCliffGuardTest {

    private static final long BATCH_TOKENS = 64 * 30;

    /** A machine: tokens per second by thread count, changeable while it runs. */
    private static final class Machine {
        IntToDoubleFunction rate;
        int threads;
        long nanos;
        final List<Integer> sets = new ArrayList<>();
        final List<String> log = new ArrayList<>();

        Machine(int threads, IntToDoubleFunction rate) {
            this.threads = threads;
            this.rate = rate;
        }

        ThreadCliffGuard guard(boolean active) {
            return new ThreadCliffGuard(threads, active, n -> {
                threads = n;
                sets.add(n);
            }, () -> nanos, log::add, "tokens");
        }

        void train(ThreadCliffGuard guard, double seconds) {
            long end = nanos + (long) (seconds * 1e9);
            while (nanos < end) {
                nanos += (long) (BATCH_TOKENS / rate.applyAsDouble(threads) * 1e9);
                guard.batchDone(BATCH_TOKENS);
            }
        }
    }

    @Test
    void keepsTwoThreadsWhenTheyAreFaster() {
        Machine machine = new Machine(2, n -> n == 2 ? 40_000 : 25_000);
        ThreadCliffGuard guard = machine.guard(true);
        machine.train(guard, 60);
        assertEquals(2, guard.current());
        assertEquals(0, guard.switches());
        assertEquals(List.of(1, 2), machine.sets, "one trial of 1 thread, then back");
        assertEquals(1, machine.log.size(), machine.log.toString());
        assertTrue(machine.log.get(0).contains("keeping 2"), machine.log.get(0));
    }

    @Test
    void startsOnOneThreadWhenTwoFightOnBusyCores() {
        Machine machine = new Machine(2, n -> n == 2 ? 5_000 : 30_000);
        ThreadCliffGuard guard = machine.guard(true);
        machine.train(guard, 60);
        assertEquals(1, guard.current());
        assertEquals(1, machine.threads);
        assertTrue(machine.log.get(0).contains("continuing with 1"), machine.log.toString());
    }

    @Test
    void fallsBackToOneThreadWhenTheCoresGetBusyAndReturnsWhenTheyAreFree() {
        Machine machine = new Machine(2, n -> n == 2 ? 40_000 : 25_000);
        ThreadCliffGuard guard = machine.guard(true);
        machine.train(guard, 30);
        assertEquals(2, guard.current());
        machine.rate = n -> n == 2 ? 2_000 : 20_000; // other processes start: the cliff
        machine.train(guard, 30);
        assertEquals(1, guard.current(), "the fall starts a trial at once, not at the next recheck");
        assertTrue(machine.log.get(machine.log.size() - 1).contains("after a fall"), machine.log.toString());
        machine.rate = n -> n == 2 ? 40_000 : 25_000; // they stop
        machine.train(guard, ThreadCliffGuard.RECHECK_SECONDS + 30);
        assertEquals(2, guard.current(), "the periodic trial finds two threads faster again");
        assertEquals(2, guard.switches());
    }

    @Test
    void noiseBelowTheMarginChangesNothing() {
        Machine machine = new Machine(2, n -> n == 2 ? 30_000 : 33_000); // 1.1x: inside the margin
        ThreadCliffGuard guard = machine.guard(true);
        machine.train(guard, 3 * ThreadCliffGuard.RECHECK_SECONDS);
        assertEquals(2, guard.current());
        assertEquals(0, guard.switches());
    }

    @Test
    void aCountTheUserSetOrASingleThreadIsNeverChanged() {
        Machine set = new Machine(2, n -> n == 2 ? 1_000 : 30_000);
        ThreadCliffGuard fixed = set.guard(false);
        set.train(fixed, 300);
        Machine single = new Machine(1, n -> 10_000);
        ThreadCliffGuard one = single.guard(true);
        single.train(one, 300);
        assertEquals(List.of(), set.sets);
        assertEquals(List.of(), single.sets);
        assertEquals(2, fixed.current());
        assertEquals(1, one.current());
    }

    @Test
    void timeBetweenEpochsDoesNotCountAsTraining() {
        Machine machine = new Machine(2, n -> n == 2 ? 40_000 : 25_000);
        ThreadCliffGuard guard = machine.guard(true);
        machine.train(guard, 30);
        machine.nanos += 60_000_000_000L; // a minute of dev evaluation
        guard.resume();
        machine.train(guard, 10);
        assertEquals(2, guard.current());
        assertEquals(0, guard.switches(), machine.log.toString());
    }
}
