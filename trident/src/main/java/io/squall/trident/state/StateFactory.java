package io.squall.trident.state;

import io.squall.task.IMetricsContext;

import java.io.Serializable;
import java.util.Map;

/** Makes the {@link State} for each partition (task) that updates or queries it. */
public interface StateFactory extends Serializable {
    /**
     * The state for one partition, made on that task's thread when it starts.
     *
     * @param metrics where the state may register metrics of its task (a {@code TridentOperationContext})
     */
    State makeState(Map<String, Object> conf, IMetricsContext metrics, int partitionIndex, int numPartitions);

    /**
     * The guarantee the states keep, checked against the spouts that feed them when the topology is built.
     * Non-transactional unless the factory says otherwise.
     */
    default StateType getStateType() {
        return StateType.NON_TRANSACTIONAL;
    }
}
