package io.squall.jdbc.trident.state;

import io.squall.task.IMetricsContext;
import io.squall.trident.state.State;
import io.squall.trident.state.StateFactory;

import java.util.Map;

/** Makes a {@link JdbcState} for each partition, as Storm's storm-jdbc {@code JdbcStateFactory}. */
public class JdbcStateFactory implements StateFactory {
    private static final long serialVersionUID = 1L;

    private final JdbcState.Options options;

    /**
     * @throws IllegalArgumentException when the options lack a connection provider, or give neither an insert nor a
     *     select: checked here, where the topology is built, rather than on the workers
     */
    public JdbcStateFactory(JdbcState.Options options) {
        if (options == null) {
            throw new IllegalArgumentException("JdbcStateFactory needs JdbcState.Options");
        }
        options.validate();
        this.options = options;
    }

    @Override
    public State makeState(Map<String, Object> conf, IMetricsContext metrics, int partitionIndex, int numPartitions) {
        JdbcState state = new JdbcState(conf, partitionIndex, numPartitions, options);
        state.prepare();
        return state;
    }
}
