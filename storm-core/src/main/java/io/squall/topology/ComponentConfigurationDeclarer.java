package io.squall.topology;

import java.util.Map;

/** Per-component settings, chained: {@code builder.setBolt(...).setNumTasks(4).setDebug(true)}. */
public interface ComponentConfigurationDeclarer<T extends ComponentConfigurationDeclarer<?>> {
    /** Adds configuration for this component only. */
    T addConfigurations(Map<String, Object> conf);

    /** Adds one configuration entry for this component only. */
    T addConfiguration(String key, Object value);

    /** Logs every tuple this component emits. */
    T setDebug(boolean debug);

    /** Caps this component's parallelism. */
    T setMaxTaskParallelism(Number max);

    /** Caps this spout's pending tuple trees per task. */
    T setMaxSpoutPending(Number max);

    /** Sets the number of tasks; at least the parallelism hint. */
    T setNumTasks(Number numTasks);
}
