package io.squall.jms;


import javax.jms.Connection;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.MessageProducer;
import javax.jms.Session;

/**
 * A connection, session and producer to one destination, shared by {@code JmsBolt} and {@code JmsState}: it opens
 * them on first use and again after the connection broke, so that a broker that is down at start or goes away
 * fails sends (which the callers replay) instead of the worker. After a failed connection it tries again a second
 * later at the earliest, failing uses at once meanwhile. Used on one thread.
 */
public final class JmsSender implements AutoCloseable {
    private static final long RETRY_MILLIS = 1000;

    private final JmsProvider provider;
    private final boolean transacted;
    private final int acknowledgeMode;
    private final String owner;
    private Connection connection;
    private Session session;
    private MessageProducer producer;
    private volatile boolean broken;
    /** After a failed connection, when to try again; until then uses fail at once with {@link #lastFailure}. */
    private long retryAt;
    private JMSException lastFailure;

    /**
     * @param owner names the component, for messages
     */
    public JmsSender(JmsProvider provider, boolean transacted, int acknowledgeMode, String owner) {
        this.provider = provider;
        this.transacted = transacted;
        this.acknowledgeMode = acknowledgeMode;
        this.owner = owner;
    }

    /**
     * The open session, connecting first if there is none or the connection broke.
     *
     * @throws JMSException naming the owner when the broker cannot be reached
     */
    public Session session() throws JMSException {
        if (broken) {
            close();
        }
        if (session == null) {
            if (lastFailure != null && System.currentTimeMillis() < retryAt) {
                throw lastFailure; // a broker that times connections out would otherwise stall each use
            }
            try {
                connection = provider.connectionFactory().createConnection();
                connection.setExceptionListener(e -> broken = true);
                session = connection.createSession(transacted, acknowledgeMode);
                producer = session.createProducer(provider.destination());
                connection.start();
            } catch (Exception e) {
                close();
                JMSException failed = new JMSException(owner + " cannot connect to its JMS broker: " + e);
                failed.initCause(e);
                lastFailure = failed;
                retryAt = System.currentTimeMillis() + RETRY_MILLIS;
                throw failed;
            }
            lastFailure = null;
        }
        return session;
    }

    /** Sends {@code msg} to its own {@code JMSDestination} if it has one, else to the provider's. */
    public void send(Message msg) throws JMSException {
        session();
        try {
            if (msg.getJMSDestination() != null) {
                producer.send(msg.getJMSDestination(), msg);
            } else {
                producer.send(msg);
            }
        } catch (JMSException | RuntimeException e) {
            close(); // the next use connects again
            throw e;
        }
    }

    /** Commits the transacted session's sends. */
    public void commit() throws JMSException {
        try {
            session().commit();
        } catch (JMSException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Rolls the transacted session's sends back, if it is still open. */
    public void rollback() {
        if (session != null) {
            try {
                session.rollback();
            } catch (JMSException | RuntimeException e) {
                close();
            }
        }
    }

    @Override
    public void close() {
        JmsReceiver.closeQuietly(connection, owner);
        connection = null;
        session = null;
        producer = null;
        broken = false;
    }
}
