package io.squall.runtime;

import io.squall.runtime.api.Kernel;
import io.squall.runtime.api.SimulatedTopology;
import io.squall.runtime.api.TopologyRuntime;
import io.squall.runtime.state.StatefulBoltRunner;
import io.squall.runtime.windowing.StatefulWindowedBoltRunner;
import io.squall.runtime.windowing.WindowedBoltRunner;
import io.squall.topology.IRichBolt;
import io.squall.topology.IStatefulBolt;
import io.squall.topology.IStatefulWindowedBolt;
import io.squall.topology.IWindowedBolt;
import io.squall.topology.StormTopology;
import io.squall.utils.Clock;
import io.squall.utils.ManualClock;

import java.util.Map;
import java.util.function.Consumer;

/** The kernel service: runs each topology in one in-process {@link Worker}. Stateless; thread-safe. */
public final class WorkerKernel implements Kernel {
    @Override
    public TopologyRuntime start(String topologyId, StormTopology topology, Map<String, Object> conf,
                                 ClassLoader loader, Clock clock, boolean activate, Consumer<Throwable> onFailure) {
        Worker w = new Worker(topologyId, topology, conf, loader, true, clock, onFailure);
        w.start(activate);
        return w;
    }

    @Override
    public IRichBolt windowedBolt(IWindowedBolt bolt) {
        return new WindowedBoltRunner(bolt);
    }

    @Override
    public IRichBolt statefulBolt(IStatefulBolt<?> bolt) {
        return new StatefulBoltRunner(bolt);
    }

    @Override
    public IRichBolt statefulWindowedBolt(IStatefulWindowedBolt<?> bolt) {
        return new StatefulWindowedBoltRunner(bolt);
    }

    @Override
    public SimulatedTopology simulate(String topologyId, StormTopology topology, Map<String, Object> conf,
                                      ClassLoader loader, ManualClock clock) throws Exception {
        return SimulatedWorker.start(topologyId, topology, conf, loader, clock);
    }
}
