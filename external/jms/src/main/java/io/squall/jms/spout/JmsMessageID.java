package io.squall.jms.spout;

import java.io.Serializable;
import java.util.Objects;

/**
 * The id a {@link JmsSpout} gives the tuple of a message, as Storm's storm-jms {@code JmsMessageID}: the spout's
 * sequence number of the delivery and the message's {@code JMSMessageID}. Two ids are equal when their deliveries
 * are: a redelivered message gets a new id.
 */
public class JmsMessageID implements Comparable<JmsMessageID>, Serializable {
    private static final long serialVersionUID = 1L;

    private final long sequence;
    private final String jmsId;

    public JmsMessageID(long sequence, String jmsId) {
        this.sequence = sequence;
        this.jmsId = jmsId;
    }

    /** The message's {@code JMSMessageID}. */
    @SuppressWarnings("checkstyle:AbbreviationAsWordInName")
    public String getJmsID() {
        return jmsId;
    }

    public long getSequence() {
        return sequence;
    }

    @Override
    public int compareTo(JmsMessageID other) {
        return Long.compare(sequence, other.sequence);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JmsMessageID id && id.sequence == sequence && Objects.equals(id.jmsId, jmsId);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence);
    }

    @Override
    public String toString() {
        return "JmsMessageID{" + sequence + ", " + jmsId + "}";
    }
}
