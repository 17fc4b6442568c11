package io.squall.testing;

import io.squall.Config;
import io.squall.runtime.api.ComponentCounts;
import io.squall.runtime.api.Kernel;
import io.squall.runtime.api.ReportedError;
import io.squall.runtime.api.SimulatedTopology;
import io.squall.topology.StormTopology;
import io.squall.utils.ManualClock;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Runs a topology in this JVM without threads, on simulated time: its executors (spouts, bolts, ackers)
 * run only when you step them, one after another on your thread, and every timer (message timeouts,
 * tick tuples, windows, latencies) reads the driver's {@link ManualClock}. The same test gives the same
 * interleaving every run, and a timeout of minutes takes microseconds.
 *
 * <pre>{@code
 * try (TopologyTestDriver driver = new TopologyTestDriver(builder.createTopology(), conf)) {
 *     driver.runUntilIdle();                       // every tuple that can move, moves
 *     driver.advance(Duration.ofSeconds(40), Duration.ofSeconds(1));   // timeouts fire
 *     assertEquals(10, driver.counts("spout").timedOut());
 * }
 * }</pre>
 *
 * A spout that always has a tuple never lets the topology idle: bound it ({@code topology.max.spout.pending},
 * a fixed list) or use {@link #step()}. Single-threaded: use a driver from one thread.
 */
public final class TopologyTestDriver implements AutoCloseable {
    private final SimulatedTopology topology;

    /** Starts {@code topology} with {@code conf} on a clock at the epoch, spouts active. */
    public TopologyTestDriver(StormTopology topology, Map<String, Object> conf) {
        this(topology, conf, new ManualClock());
    }

    /** Starts {@code topology} with {@code conf} on {@code clock}, spouts active. */
    public TopologyTestDriver(StormTopology topology, Map<String, Object> conf, ManualClock clock) {
        Map<String, Object> c = new HashMap<>(conf == null ? Map.of() : conf);
        c.putIfAbsent(Config.TOPOLOGY_NAME, "test");
        String name = String.valueOf(c.get(Config.TOPOLOGY_NAME));
        this.topology = call(() -> Kernel.get().simulate(name, topology, c,
                Thread.currentThread().getContextClassLoader(), clock));
    }

    /** The clock the topology runs on; advancing it directly does not run anything. */
    public ManualClock clock() {
        return topology.clock();
    }

    /** Runs one round of every executor; returns the work done, zero when all were idle. */
    public int step() {
        return call(topology::step);
    }

    /**
     * Steps until a round does no work.
     *
     * @return the number of rounds that did some
     * @throws IllegalStateException if the topology never idles (a spout that always emits)
     */
    public int runUntilIdle() {
        return call(topology::runUntilIdle);
    }

    /** Moves the clock forward by {@code by} and runs until idle: timers due by then fire once. */
    public void advance(Duration by) {
        call(() -> {
            topology.advance(by);
            return null;
        });
    }

    /**
     * Moves the clock forward by {@code total} in steps of {@code tick}, running until idle after each, as
     * a real clock would pass through every instant: periodic timers fire as often as they would.
     */
    public void advance(Duration total, Duration tick) {
        call(() -> {
            topology.advance(total, tick);
            return null;
        });
    }

    /** Lets the spouts emit (they are active at the start). */
    public void activate() {
        topology.activate();
    }

    /** Stops the spouts from emitting; tuples in flight still complete. */
    public void deactivate() {
        topology.deactivate();
    }

    /** A snapshot of a component's counts. */
    public ComponentCounts counts(String componentId) {
        ComponentCounts c = topology.componentCounts().get(componentId);
        if (c == null) {
            throw new IllegalArgumentException("No component '" + componentId + "' in the topology (components: "
                    + topology.componentCounts().keySet() + ")");
        }
        return c;
    }

    /** A snapshot of every user component's counts. */
    public Map<String, ComponentCounts> componentCounts() {
        return topology.componentCounts();
    }

    /** The last errors a component's tasks reported, oldest first. */
    public List<ReportedError> errors(String componentId) {
        return topology.errors(componentId);
    }

    /** Closes the spouts and cleans up the bolts. */
    @Override
    public void close() {
        topology.shutdown();
    }

    private static <T> T call(Callable<T> action) {
        try {
            return action.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("An executor failed: " + e, e);
        }
    }
}
