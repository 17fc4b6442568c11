package io.squall.jms.trident;

import io.squall.topology.ReportedFailedException;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.state.BaseStateUpdater;
import io.squall.trident.tuple.TridentTuple;

import javax.jms.JMSException;
import java.util.List;

/** Sends a batch's tuples to a {@link JmsState}, for {@code partitionPersist}; a failed send fails the batch. */
public class JmsUpdater extends BaseStateUpdater<JmsState> {
    private static final long serialVersionUID = 1L;

    @Override
    public void updateState(JmsState state, List<TridentTuple> tuples, TridentCollector collector) {
        try {
            state.updateState(tuples, collector);
        } catch (JMSException e) {
            throw new ReportedFailedException("JmsState could not send a batch's messages, and the batch is "
                    + "replayed: " + e.getMessage(), e);
        }
    }
}
