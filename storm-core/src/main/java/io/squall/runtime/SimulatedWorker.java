package io.squall.runtime;

import io.squall.runtime.agent.DeterministicDriver;
import io.squall.runtime.api.ComponentCounts;
import io.squall.runtime.api.ReportedError;
import io.squall.runtime.api.SimulatedTopology;
import io.squall.topology.StormTopology;
import io.squall.utils.ManualClock;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A {@link Worker} whose executors a {@link DeterministicDriver} steps on the caller's thread. Tuples are
 * serialized by the local-mode check as in {@code LocalCluster}. Single-threaded.
 */
final class SimulatedWorker implements SimulatedTopology {
    private final Worker worker;
    private final DeterministicDriver driver;

    private SimulatedWorker(Worker worker, DeterministicDriver driver) {
        this.worker = worker;
        this.driver = driver;
    }

    static SimulatedWorker start(String topologyId, StormTopology topology, Map<String, Object> conf,
                                 ClassLoader loader, ManualClock clock) throws Exception {
        Worker w = new Worker(topologyId, topology, conf, loader, true, clock, error -> { });
        DeterministicDriver d = new DeterministicDriver(clock);
        w.start(true, d);
        return new SimulatedWorker(w, d);
    }

    /** The worker, for the kernel's own tests. */
    Worker worker() {
        return worker;
    }

    @Override
    public ManualClock clock() {
        return driver.clock();
    }

    @Override
    public int step() throws Exception {
        return driver.step();
    }

    @Override
    public int runUntilIdle() throws Exception {
        return driver.runUntilIdle();
    }

    @Override
    public void advance(Duration by) throws Exception {
        driver.advance(by);
    }

    @Override
    public void advance(Duration total, Duration tick) throws Exception {
        driver.advance(total, tick);
    }

    @Override
    public String topologyId() {
        return worker.topologyId();
    }

    @Override
    public StormTopology topology() {
        return worker.topology();
    }

    @Override
    public void activate() {
        worker.activate();
    }

    @Override
    public void deactivate() {
        worker.deactivate();
    }

    @Override
    public boolean isActive() {
        return worker.isActive();
    }

    @Override
    public void shutdown() {
        worker.shutdown();
        driver.close();
    }

    @Override
    public Throwable failure() {
        return worker.failure();
    }

    @Override
    public Map<String, ComponentCounts> componentCounts() {
        return worker.componentCounts();
    }

    @Override
    public List<ReportedError> errors(String componentId) {
        return worker.errors(componentId);
    }
}
