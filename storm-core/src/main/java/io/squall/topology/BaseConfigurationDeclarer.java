package io.squall.topology;

import io.squall.Config;

import java.util.HashMap;
import java.util.Map;

/**
 * Storm's base for a declarer of component configuration, for builders of one's own (a DRPC-style builder, say):
 * a subclass supplies {@link #addConfigurations} and {@link #getComponentConfiguration}, and every other setting is
 * written through {@link #addConfiguration} under Storm's key ({@code topology.debug}, {@code topology.tasks}, ...).
 * Resource requests are recorded as {@link ComponentConfigurationDeclarer} describes and have no effect in Squall,
 * which has no resource-aware scheduler.
 *
 * @param <T> the declarer type returned for chaining
 */
public abstract class BaseConfigurationDeclarer<T extends ComponentConfigurationDeclarer<?>>
        implements ComponentConfigurationDeclarer<T> {

    /** {@link #addConfigurations} with the one entry. */
    @Override
    public T addConfiguration(String config, Object value) {
        Map<String, Object> one = new HashMap<>();
        one.put(config, value);
        return addConfigurations(one);
    }

    @Override
    public T setDebug(boolean debug) {
        return addConfiguration(Config.TOPOLOGY_DEBUG, debug);
    }

    /** {@code topology.max.task.parallelism}, as an int (null kept). */
    @Override
    public T setMaxTaskParallelism(Number val) {
        return addConfiguration(Config.TOPOLOGY_MAX_TASK_PARALLELISM, val == null ? null : val.intValue());
    }

    /** {@code topology.max.spout.pending}, as an int (null kept). */
    @Override
    public T setMaxSpoutPending(Number val) {
        return addConfiguration(Config.TOPOLOGY_MAX_SPOUT_PENDING, val == null ? null : val.intValue());
    }

    /** {@code topology.tasks}, as an int (null kept). */
    @Override
    public T setNumTasks(Number val) {
        return addConfiguration(Config.TOPOLOGY_TASKS, val == null ? null : val.intValue());
    }
}
