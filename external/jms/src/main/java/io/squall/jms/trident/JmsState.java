package io.squall.jms.trident;

import io.squall.jms.JmsMessageProducer;
import io.squall.jms.JmsProvider;
import io.squall.jms.JmsSender;
import io.squall.topology.ReportedFailedException;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.state.State;
import io.squall.trident.tuple.TridentTuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.Session;
import java.io.Serializable;
import java.util.List;

/**
 * A JMS destination as a Trident state, as Storm's storm-jms {@code JmsState}: {@link JmsUpdater} sends a message per
 * tuple. With a transacted session (the default) a batch's messages are one JMS transaction, committed with the
 * batch: a batch that fails sends none of its messages, and one that is replayed after its commit sends them again
 * (at least once). Storm logs a failed commit and goes on, losing the batch's messages; Squall fails the batch, which
 * is replayed. A broker that is down fails batches until it answers.
 */
public class JmsState implements State {
    private static final Logger LOG = LoggerFactory.getLogger(JmsState.class);

    private final Options options;
    private JmsSender sender;

    protected JmsState(Options options) {
        this.options = options;
    }

    /** Connects; a broker that does not answer yet is logged, and batches fail until it does. */
    protected void prepare() {
        options.validate();
        sender = new JmsSender(options.jmsProvider, options.jmsTransactional,
                options.jmsTransactional ? Session.SESSION_TRANSACTED : options.jmsAcknowledgeMode, "JmsState");
        try {
            sender.session();
        } catch (JMSException e) {
            LOG.warn("{}; its batches fail until the broker answers", e.getMessage());
        }
    }

    @Override
    public void beginCommit(Long txid) {
    }

    /**
     * Commits the batch's messages (transacted sessions).
     *
     * @throws ReportedFailedException when the commit fails: the batch is replayed
     */
    @Override
    public void commit(Long txid) {
        if (options.jmsTransactional) {
            try {
                sender.commit();
            } catch (JMSException | RuntimeException e) {
                throw new ReportedFailedException("JmsState could not commit the messages of batch " + txid
                        + ", which is replayed: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Sends a message per tuple.
     *
     * @throws JMSException when a send fails, having rolled a transacted session back
     */
    public void updateState(List<TridentTuple> tuples, TridentCollector collector) throws JMSException {
        try {
            for (TridentTuple tuple : tuples) {
                Message msg = options.msgProducer.toMessage(sender.session(), tuple);
                if (msg != null) {
                    sender.send(msg);
                }
            }
        } catch (JMSException | RuntimeException e) {
            if (options.jmsTransactional) {
                sender.rollback();
            }
            throw e;
        }
    }

    /** What a {@link JmsStateFactory} makes: where to send, how to make the messages, and the session's kind. */
    public static class Options implements Serializable {
        private static final long serialVersionUID = 1L;

        private JmsProvider jmsProvider;
        private JmsMessageProducer msgProducer;
        private int jmsAcknowledgeMode = Session.AUTO_ACKNOWLEDGE;
        private boolean jmsTransactional = true;

        public Options withJmsProvider(JmsProvider provider) {
            this.jmsProvider = provider;
            return this;
        }

        public Options withMessageProducer(JmsMessageProducer msgProducer) {
            this.msgProducer = msgProducer;
            return this;
        }

        /** The acknowledge mode of a session that is not transacted. */
        public Options withJmsAcknowledgeMode(int jmsAcknowledgeMode) {
            this.jmsAcknowledgeMode = jmsAcknowledgeMode;
            return this;
        }

        /** Whether a batch's messages are one transaction (the default). */
        public Options withJmsTransactional(boolean jmsTransactional) {
            this.jmsTransactional = jmsTransactional;
            return this;
        }

        void validate() {
            if (jmsProvider == null || msgProducer == null) {
                throw new IllegalStateException("JmsState.Options needs withJmsProvider(...) and "
                        + "withMessageProducer(...)");
            }
        }
    }
}
