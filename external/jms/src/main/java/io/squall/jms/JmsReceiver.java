package io.squall.jms;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.jms.Connection;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.Session;

/**
 * A connection, session and consumer of one destination, shared by {@code JmsSpout} and {@code TridentJmsSpout}: it
 * connects on first use and again, a second later at the earliest, after the connection broke or a receive failed,
 * so that a broker that is down at start or goes away never stops the worker. A reconnection drops what was
 * delivered and not acknowledged: the broker delivers it again. Used on one thread, and never blocks it.
 */
public final class JmsReceiver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JmsReceiver.class);
    private static final long RECONNECT_MILLIS = 1000;

    private final JmsProvider provider;
    private final int acknowledgeMode;
    private final String owner;
    private Connection connection;
    private Session session;
    private MessageConsumer consumer;
    /** Set by the connection's exception listener, on the client's thread. */
    private volatile boolean broken;
    private long nextConnectAt;
    private boolean down;
    /** Counts connections, so that a caller can tell its deliveries belong to a session that is gone. */
    private long generation;

    /**
     * @param acknowledgeMode the session's mode; {@link Session#SESSION_TRANSACTED} makes a transacted session
     * @param owner names the component, for messages
     */
    public JmsReceiver(JmsProvider provider, int acknowledgeMode, String owner) {
        this.provider = provider;
        this.acknowledgeMode = acknowledgeMode;
        this.owner = owner;
    }

    /**
     * The next message the consumer holds, or null when it has none or is not connected (it connects when due).
     */
    public Message receiveNoWait() {
        if (broken) {
            LOG.warn("{}: its JMS connection broke; reconnecting", owner);
            drop();
        }
        if (consumer == null && !connect()) {
            return null;
        }
        try {
            return consumer.receiveNoWait();
        } catch (JMSException | RuntimeException e) {
            LOG.warn("{}: receiving failed ({}); reconnecting", owner, e.toString());
            drop();
            return null;
        }
    }

    /** Connects if it is due; whether the consumer is open. */
    public boolean connect() {
        if (consumer != null) {
            return true;
        }
        if (System.currentTimeMillis() < nextConnectAt) {
            return false;
        }
        try {
            connection = provider.connectionFactory().createConnection();
            connection.setExceptionListener(e -> broken = true);
            session = connection.createSession(acknowledgeMode == Session.SESSION_TRANSACTED, acknowledgeMode);
            consumer = session.createConsumer(provider.destination());
            connection.start();
            generation++;
            if (down) {
                LOG.info("{}: connected to its JMS broker again", owner);
            }
            down = false;
            return true;
        } catch (Exception e) {
            if (!down) {
                LOG.warn("{} cannot connect to its JMS broker ({}); trying again every {} ms", owner, e.toString(),
                        RECONNECT_MILLIS);
            }
            drop();
            return false;
        }
    }

    /** Which connection the messages received now belong to; it changes at each reconnection. */
    public long generation() {
        return generation;
    }

    /** Commits a transacted session: the broker forgets the messages received in it. */
    public void commit() throws JMSException {
        if (session == null) {
            throw new JMSException(owner + ": no JMS session to commit; the broker delivers its messages again");
        }
        session.commit();
    }

    /**
     * Has the broker deliver again what the session received and did not acknowledge: a rollback for a transacted
     * session, a recovery for the others. A failure drops the connection, which has the same effect.
     */
    public void redeliver() {
        if (session == null) {
            return;
        }
        try {
            if (acknowledgeMode == Session.SESSION_TRANSACTED) {
                session.rollback();
            } else {
                session.recover();
            }
        } catch (JMSException | RuntimeException e) {
            LOG.warn("{}: recovering the session failed ({}); reconnecting", owner, e.toString());
            drop();
        }
    }

    /** The session in use, or null while not connected. */
    public Session session() {
        return session;
    }

    private void drop() {
        down = true;
        close();
        nextConnectAt = System.currentTimeMillis() + RECONNECT_MILLIS;
    }

    @Override
    public void close() {
        closeQuietly(connection, owner);
        connection = null;
        session = null;
        consumer = null;
        broken = false;
        generation++;
    }

    /** Closes {@code connection} (with its sessions), if any; a failure, likely a broken connection, is logged. */
    static void closeQuietly(Connection connection, String owner) {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException | RuntimeException e) {
                LOG.debug("{}: closing its JMS connection: {}", owner, e.toString());
            }
        }
    }
}
