package io.squall.daemon.local;

import io.squall.metrics.aggregate.MetricsAggregator;
import io.squall.metrics.aggregate.MetricsCollector;
import io.squall.runtime.api.LocalRuntime;
import io.squall.runtime.api.LocalTopologyRuntime;
import io.squall.utils.Clock;

import java.util.function.Consumer;

/**
 * The local runtime of one {@code LocalCluster}: starts each topology as an {@link InProcessTopology} and
 * collects the metrics of every worker it runs. Thread-safe.
 */
public final class InProcessRuntime implements LocalRuntime {
    private final Clock clock;
    private final MetricsCollector collector = new MetricsCollector(new MetricsAggregator());

    /** The service that {@link LocalRuntime#open(Clock)} finds. */
    public static final class Provider implements LocalRuntime.Provider {
        @Override
        public LocalRuntime open(Clock clock) {
            return new InProcessRuntime(clock);
        }
    }

    InProcessRuntime(Clock clock) {
        this.clock = clock;
    }

    @Override
    public LocalTopologyRuntime start(Launch launch, boolean activate, Consumer<Throwable> onFailure) {
        InProcessTopology t = InProcessTopology.create(launch, clock, collector, onFailure);
        t.start(activate);
        return t;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(collector)) {
            return type.cast(collector);
        }
        throw new IllegalArgumentException("The local runtime has no " + type.getName());
    }

    @Override
    public void close() {
        collector.close();
    }
}
