package io.squall.jms;

import javax.jms.ConnectionFactory;
import javax.jms.Destination;
import java.io.Serializable;

/**
 * Where a JMS component connects, as Storm's storm-jms {@code JmsProvider}: the broker's connection factory and the
 * queue or topic. It travels inside the spout, bolt or state factory, so it is serializable and makes both on the
 * worker.
 */
public interface JmsProvider extends Serializable {
    /** The broker's connection factory. */
    ConnectionFactory connectionFactory() throws Exception;

    /** The queue or topic to read or write. */
    Destination destination() throws Exception;
}
