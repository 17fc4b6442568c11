package io.squall.jms.bolt;

import io.squall.jms.JmsMessageProducer;
import io.squall.jms.JmsProvider;
import io.squall.jms.JmsSender;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseTickTupleAwareRichBolt;
import io.squall.tuple.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.Session;
import java.util.Map;

/**
 * Sends a JMS message for each tuple, as Storm's storm-jms {@code JmsBolt}: the message producer makes it, and it
 * goes to the provider's destination (or its own {@code JMSDestination}). The tuple is acked once the broker took
 * the message (unless {@link #setAutoAck auto-ack} is off), and failed, so replayed, when the send fails: messages
 * are sent at least once. A broker that is down at start or goes away fails the tuples until it answers, and the
 * bolt connects again. Emits nothing.
 */
public class JmsBolt extends BaseTickTupleAwareRichBolt {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(JmsBolt.class);

    private boolean autoAck = true;
    private int jmsAcknowledgeMode = Session.AUTO_ACKNOWLEDGE;
    private JmsProvider jmsProvider;
    private JmsMessageProducer producer;

    private transient OutputCollector collector;
    private transient JmsSender sender;
    private transient String component;

    public void setJmsProvider(JmsProvider provider) {
        this.jmsProvider = provider;
    }

    public void setJmsMessageProducer(JmsMessageProducer producer) {
        this.producer = producer;
    }

    /** The session's acknowledge mode, a constant of {@link Session}; sending does not depend on it. */
    public void setJmsAcknowledgeMode(int acknowledgeMode) {
        this.jmsAcknowledgeMode = acknowledgeMode;
    }

    /** Whether the bolt acks each tuple it sent (the default); when off, a subclass acks them. */
    public void setAutoAck(boolean autoAck) {
        this.autoAck = autoAck;
    }

    private void validate() {
        if (jmsProvider == null || producer == null) {
            throw new IllegalStateException("JmsBolt needs setJmsProvider(...) and setJmsMessageProducer(...)");
        }
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        validate();
        this.collector = collector;
        this.component = context == null ? "JmsBolt" : context.getThisComponentId();
        this.sender = new JmsSender(jmsProvider, false, jmsAcknowledgeMode, "Bolt " + component);
        try {
            sender.session();
        } catch (JMSException e) {
            LOG.warn("{}; its tuples fail until the broker answers", e.getMessage());
        }
    }

    @Override
    protected void process(Tuple input) {
        try {
            Message msg = producer.toMessage(sender.session(), input);
            if (msg != null) {
                sender.send(msg);
            }
            if (autoAck) {
                collector.ack(input);
            }
        } catch (JMSException | RuntimeException e) {
            collector.reportError(new IllegalStateException("Bolt " + component + " failed to send a message, and "
                    + "fails the tuple so that it is replayed: " + e.getMessage(), e));
            collector.fail(input);
        }
    }

    @Override
    public void cleanup() {
        if (sender != null) {
            sender.close();
        }
    }

    /** Declares nothing; checks the bolt where the topology is built. */
    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        validate();
    }
}
