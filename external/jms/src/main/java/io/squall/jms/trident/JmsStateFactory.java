package io.squall.jms.trident;

import io.squall.task.IMetricsContext;
import io.squall.trident.state.State;
import io.squall.trident.state.StateFactory;

import java.util.Map;

/** Makes a {@link JmsState} for each partition, as Storm's storm-jms {@code JmsStateFactory}. */
public class JmsStateFactory implements StateFactory {
    private static final long serialVersionUID = 1L;

    private final JmsState.Options options;

    /**
     * @throws IllegalStateException when the options lack the provider or the message producer: checked here,
     *     where the topology is built
     */
    public JmsStateFactory(JmsState.Options options) {
        if (options == null) {
            throw new IllegalStateException("JmsStateFactory needs JmsState.Options");
        }
        options.validate();
        this.options = options;
    }

    @Override
    public State makeState(Map<String, Object> conf, IMetricsContext metrics, int partitionIndex, int numPartitions) {
        JmsState state = new JmsState(options);
        state.prepare();
        return state;
    }
}
