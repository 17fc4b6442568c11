package io.squall.jms.spout;

import io.squall.Config;
import io.squall.jms.JmsProvider;
import io.squall.jms.JmsReceiver;
import io.squall.jms.JmsTupleProducer;
import io.squall.metric.api.CountMetric;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Values;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.Session;
import java.util.HashMap;
import java.util.Map;

/**
 * Emits the messages of a JMS queue or topic, as Storm's storm-jms {@code JmsSpout}. What a message's tuple is worth
 * depends on the session's acknowledge mode:
 * <ul>
 *   <li>{@code AUTO_ACKNOWLEDGE} (the default) and {@code DUPS_OK_ACKNOWLEDGE}: the broker takes a message as done
 *   once received; its tuple is emitted without a message id, so nothing is replayed (at most once).</li>
 *   <li>{@code CLIENT_ACKNOWLEDGE}: a tuple's message id is a {@link JmsMessageID}; once every tuple emitted so far
 *   is acked, the spout acknowledges the session's messages. A failed tuple recovers the session: the broker
 *   redelivers every message not acknowledged, and the spout emits them again (at least once).</li>
 *   <li>{@code SESSION_TRANSACTED}: the same, with a commit for the acknowledgement and a rollback for the
 *   recovery.</li>
 *   <li>{@link #setIndividualAcks()}, for a broker with a mode of its own that acknowledges one message (such as
 *   ActiveMQ's {@code INDIVIDUAL_ACKNOWLEDGE}, 4): each acked tuple acknowledges its message.</li>
 * </ul>
 * A broker that cannot be reached, at start or later, is logged and tried again every second; the messages it had
 * delivered but not been told were done it delivers again. A message the tuple producer cannot turn into a tuple is
 * acknowledged, reported (naming its {@code JMSMessageID}) and counted in the {@code jms.unconvertible} metric.
 * Runs on the spout's executor thread, and never blocks it: it takes what the consumer has with
 * {@code receiveNoWait}.
 */
public class JmsSpout extends BaseRichSpout {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(JmsSpout.class);

    private int jmsAcknowledgeMode = Session.AUTO_ACKNOWLEDGE;
    private boolean distributed = true;
    private boolean individualAcks;
    private JmsTupleProducer tupleProducer;
    private JmsProvider jmsProvider;

    private transient SpoutOutputCollector collector;
    private transient String component;
    private transient JmsReceiver receiver;
    /** The receiver's connection that {@link #pending}'s deliveries came on. */
    private transient long generation;
    /** The deliveries whose tuples are in flight, by their ids. */
    private transient Map<JmsMessageID, Message> pending;
    private transient long sequence;
    private transient CountMetric unconvertible;

    /**
     * The session's acknowledge mode, a constant of {@link Session}; with {@link #setIndividualAcks()}, a broker's
     * own mode.
     */
    public void setJmsAcknowledgeMode(int mode) {
        this.jmsAcknowledgeMode = mode;
    }

    public int getJmsAcknowledgeMode() {
        return jmsAcknowledgeMode;
    }

    public void setJmsProvider(JmsProvider provider) {
        this.jmsProvider = provider;
    }

    public void setJmsTupleProducer(JmsTupleProducer producer) {
        this.tupleProducer = producer;
    }

    /** The broker acknowledges single messages in the mode set: each acked tuple acknowledges its own. */
    public void setIndividualAcks() {
        this.individualAcks = true;
    }

    public boolean isDistributed() {
        return distributed;
    }

    /**
     * Whether several tasks of the spout may run: true (the default) suits a queue, whose messages the tasks share;
     * false, for a topic (each task would get every message), makes the spout one task.
     */
    public void setDistributed(boolean distributed) {
        this.distributed = distributed;
    }

    /** The session in use, or null while the broker is not connected. */
    protected Session getSession() {
        return receiver == null ? null : receiver.session();
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return distributed ? null : Map.of(Config.TOPOLOGY_MAX_TASK_PARALLELISM, 1);
    }

    private boolean tracksTuples() {
        return individualAcks || jmsAcknowledgeMode == Session.CLIENT_ACKNOWLEDGE
                || jmsAcknowledgeMode == Session.SESSION_TRANSACTED;
    }

    private void validate() {
        if (jmsProvider == null) {
            throw new IllegalStateException("JmsSpout has no JmsProvider: call setJmsProvider(...)");
        }
        if (tupleProducer == null) {
            throw new IllegalStateException("JmsSpout has no JmsTupleProducer: call setJmsTupleProducer(...)");
        }
        boolean standard = jmsAcknowledgeMode == Session.AUTO_ACKNOWLEDGE
                || jmsAcknowledgeMode == Session.DUPS_OK_ACKNOWLEDGE
                || jmsAcknowledgeMode == Session.CLIENT_ACKNOWLEDGE
                || jmsAcknowledgeMode == Session.SESSION_TRANSACTED;
        if (!standard && !individualAcks) {
            throw new IllegalArgumentException("JmsSpout: acknowledge mode " + jmsAcknowledgeMode + " is not one of "
                    + "javax.jms.Session's (AUTO 1, CLIENT 2, DUPS_OK 3, SESSION_TRANSACTED 0); for a broker's own "
                    + "mode that acknowledges single messages, call setIndividualAcks() too");
        }
    }

    @Override
    public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
        validate();
        this.collector = collector;
        this.component = context == null ? "JmsSpout" : context.getThisComponentId();
        this.pending = new HashMap<>();
        if (context != null) {
            unconvertible = context.registerMetric("jms.unconvertible", new CountMetric(), 60);
        }
        receiver = new JmsReceiver(jmsProvider, jmsAcknowledgeMode, "Spout " + component);
        receiver.connect();
        generation = receiver.generation();
    }

    @Override
    public void nextTuple() {
        Message msg = receiver.receiveNoWait();
        if (receiver.generation() != generation) {
            // A new connection: the broker delivers again what the old one had not acknowledged.
            pending.clear();
            generation = receiver.generation();
        }
        if (msg != null) {
            emit(msg);
        }
    }

    private void emit(Message msg) {
        Values values;
        try {
            values = tupleProducer.toTuple(msg);
        } catch (JMSException | RuntimeException e) {
            if (unconvertible != null) {
                unconvertible.incr();
            }
            collector.reportError(new IllegalArgumentException("Spout " + component + ": the JmsTupleProducer "
                    + tupleProducer.getClass().getName() + " cannot make a tuple of message " + jmsId(msg)
                    + " (" + e + "); the message is acknowledged and skipped", e));
            done(msg);
            return;
        }
        if (values == null) {
            done(msg);
            return;
        }
        if (tracksTuples()) {
            JmsMessageID id = new JmsMessageID(sequence++, jmsId(msg));
            pending.put(id, msg);
            collector.emit(values, id);
        } else {
            collector.emit(values);
        }
    }

    /** Acknowledges a message that makes no tuple, as if its tuple had been acked. */
    private void done(Message msg) {
        if (tracksTuples()) {
            JmsMessageID id = new JmsMessageID(sequence++, jmsId(msg));
            pending.put(id, msg);
            ack(id);
        }
    }

    private static String jmsId(Message msg) {
        try {
            return msg.getJMSMessageID();
        } catch (JMSException e) {
            return "(no JMSMessageID: " + e.getMessage() + ")";
        }
    }

    @Override
    public void ack(Object msgId) {
        Message msg = pending.remove(msgId);
        if (msg == null) {
            return; // delivered before a recovery or a reconnection: the broker delivers it again
        }
        try {
            if (individualAcks) {
                msg.acknowledge();
            } else if (pending.isEmpty()) {
                if (jmsAcknowledgeMode == Session.SESSION_TRANSACTED) {
                    receiver.commit();
                } else {
                    msg.acknowledge(); // acknowledges every message the session delivered
                }
            }
        } catch (JMSException | RuntimeException e) {
            LOG.warn("Spout {}: acknowledging to the broker failed ({}); it will deliver the messages again",
                    component, e.toString());
        }
    }

    @Override
    public void fail(Object msgId) {
        if (pending.remove(msgId) == null) {
            return; // delivered before a recovery or a reconnection: the broker delivers it again
        }
        pending.clear();
        receiver.redeliver();
    }

    @Override
    public void close() {
        if (receiver != null) {
            receiver.close();
        }
    }

    /**
     * Declares the tuple producer's fields, and checks the spout where the topology is built.
     *
     * @throws IllegalStateException when the provider or the tuple producer is missing
     * @throws IllegalArgumentException when the acknowledge mode is not one the spout knows
     */
    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        validate();
        tupleProducer.declareOutputFields(declarer);
    }
}
