package io.squall.jms.trident;

import io.squall.jms.JmsProvider;
import io.squall.jms.JmsReceiver;
import io.squall.jms.JmsTupleProducer;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsGetter;
import io.squall.topology.StreamSpec;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.spout.ITridentSpout;
import io.squall.trident.topology.TransactionAttempt;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import io.squall.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.Session;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Trident spout of a JMS queue, as Storm's storm-jms {@code TridentJmsSpout}: each batch takes up to
 * {@value #MAX_BATCH_SIZE_CONF} (default {@value #DEFAULT_BATCH_SIZE}) of the messages the consumer holds. With
 * {@code CLIENT_ACKNOWLEDGE} a batch's messages are acknowledged once it succeeded and no later batch is still in
 * flight, and a batch that fails is emitted again with the same messages, so every message reaches the state at
 * least once (Storm's spout forgets a failed batch's messages until the worker restarts). With
 * {@code AUTO_ACKNOWLEDGE} (the default) or {@code DUPS_OK_ACKNOWLEDGE} the broker takes a message as done once
 * received (at most once). A broker that is down gives empty batches until it answers.
 */
public class TridentJmsSpout implements ITridentSpout<JmsBatch> {
    private static final long serialVersionUID = 1L;
    /** The most messages in a batch. */
    public static final String MAX_BATCH_SIZE_CONF = "topology.spout.max.batch.size";
    public static final int DEFAULT_BATCH_SIZE = 1000;
    private static int nameIndex = 1;

    private JmsTupleProducer tupleProducer;
    private JmsProvider jmsProvider;
    private int jmsAcknowledgeMode = Session.AUTO_ACKNOWLEDGE;
    private String name;

    public TridentJmsSpout() {
        this.name = "JmsSpout_" + nextIndex();
    }

    private static synchronized int nextIndex() {
        return nameIndex++;
    }

    /** Names the spout, for its logs. */
    public TridentJmsSpout named(String name) {
        this.name = name;
        return this;
    }

    public TridentJmsSpout withJmsProvider(JmsProvider provider) {
        this.jmsProvider = provider;
        return this;
    }

    public TridentJmsSpout withTupleProducer(JmsTupleProducer tupleProducer) {
        this.tupleProducer = tupleProducer;
        return this;
    }

    /**
     * {@code AUTO_ACKNOWLEDGE}, {@code CLIENT_ACKNOWLEDGE} or {@code DUPS_OK_ACKNOWLEDGE}.
     *
     * @throws IllegalArgumentException for another mode
     */
    public TridentJmsSpout withJmsAcknowledgeMode(int jmsAcknowledgeMode) {
        if (jmsAcknowledgeMode != Session.AUTO_ACKNOWLEDGE && jmsAcknowledgeMode != Session.CLIENT_ACKNOWLEDGE
                && jmsAcknowledgeMode != Session.DUPS_OK_ACKNOWLEDGE) {
            throw new IllegalArgumentException("TridentJmsSpout: acknowledge mode " + jmsAcknowledgeMode + " is not "
                    + "AUTO_ACKNOWLEDGE (1), CLIENT_ACKNOWLEDGE (2) or DUPS_OK_ACKNOWLEDGE (3)");
        }
        this.jmsAcknowledgeMode = jmsAcknowledgeMode;
        return this;
    }

    private void validate() {
        if (jmsProvider == null || tupleProducer == null) {
            throw new IllegalStateException("TridentJmsSpout " + name + " needs withJmsProvider(...) and "
                    + "withTupleProducer(...)");
        }
    }

    @Override
    public BatchCoordinator<JmsBatch> getCoordinator(String txStateId, Map<String, Object> conf,
                                                     TopologyContext context) {
        return new BatchCoordinator<>() {
            @Override
            public JmsBatch initializeTransaction(long txid, JmsBatch prevMetadata, JmsBatch currMetadata) {
                return null;
            }

            @Override
            public void success(long txid) {
            }

            @Override
            public boolean isReady(long txid) {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Emitter<JmsBatch> getEmitter(String txStateId, Map<String, Object> conf, TopologyContext context) {
        validate();
        Object size = conf == null ? null : conf.get(MAX_BATCH_SIZE_CONF);
        return new JmsEmitter(size == null ? DEFAULT_BATCH_SIZE : ((Number) size).intValue());
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return null;
    }

    /**
     * The tuple producer's fields on the default stream.
     *
     * @throws IllegalStateException when the provider or the tuple producer is missing
     * @throws IllegalArgumentException when the producer declares nothing on the default stream
     */
    @Override
    public Fields getOutputFields() {
        validate();
        OutputFieldsGetter getter = new OutputFieldsGetter();
        tupleProducer.declareOutputFields(getter);
        StreamSpec spec = getter.getFieldsDeclaration().get(Utils.DEFAULT_STREAM_ID);
        if (spec == null) {
            throw new IllegalArgumentException("TridentJmsSpout " + name + ": the JmsTupleProducer declares no "
                    + "fields on the default stream");
        }
        return spec.fields();
    }

    /** Emits batches on the spout's executor thread, taking the messages the consumer holds. */
    private final class JmsEmitter implements Emitter<JmsBatch> {
        private final Logger log = LoggerFactory.getLogger(TridentJmsSpout.class);
        private final int maxBatchSize;
        private final JmsReceiver receiver;
        /** The messages of each batch in flight, by transaction id, so that a retried batch emits the same. */
        private final Map<Long, List<Message>> inFlight = new HashMap<>();
        private long generation;
        /** The last message received and not yet acknowledged: acknowledging it acknowledges all before it. */
        private Message unacknowledged;

        JmsEmitter(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
            this.receiver = new JmsReceiver(jmsProvider, jmsAcknowledgeMode, "TridentJmsSpout " + name);
            receiver.connect();
            generation = receiver.generation();
        }

        private boolean acknowledges() {
            return jmsAcknowledgeMode == Session.CLIENT_ACKNOWLEDGE;
        }

        @Override
        public void emitBatch(TransactionAttempt tx, JmsBatch coordinatorMeta, TridentCollector collector) {
            List<Message> batch = inFlight.get(tx.getTransactionId());
            if (batch == null) {
                batch = new ArrayList<>();
                for (int i = 0; i < maxBatchSize; i++) {
                    Message msg = receiver.receiveNoWait();
                    if (msg == null) {
                        break;
                    }
                    batch.add(msg);
                    unacknowledged = msg;
                }
                if (receiver.generation() != generation) {
                    // A new connection: the broker delivers again what the old one had not acknowledged.
                    inFlight.clear();
                    unacknowledged = batch.isEmpty() ? null : batch.get(batch.size() - 1);
                    generation = receiver.generation();
                }
                if (acknowledges()) {
                    inFlight.put(tx.getTransactionId(), batch);
                }
            }
            for (Message msg : batch) {
                try {
                    Values values = tupleProducer.toTuple(msg);
                    if (values != null) {
                        collector.emit(values);
                    }
                } catch (JMSException | RuntimeException e) {
                    collector.reportError(new IllegalArgumentException("TridentJmsSpout " + name + ": the "
                            + "JmsTupleProducer cannot make a tuple of a message (" + e + "); it is skipped", e));
                }
            }
        }

        @Override
        public void success(TransactionAttempt tx) {
            inFlight.remove(tx.getTransactionId());
            if (unacknowledged == null || !inFlight.isEmpty()) {
                return; // acknowledging now would take the messages of the batches still in flight too
            }
            try {
                unacknowledged.acknowledge(); // every message the session delivered
            } catch (JMSException | RuntimeException e) {
                log.warn("TridentJmsSpout {}: acknowledging to the broker failed ({}); it will deliver the "
                        + "messages again", name, e.toString());
            }
            unacknowledged = null;
        }

        @Override
        public void close() {
            receiver.close();
        }
    }
}
