package io.squall.jms;

import org.apache.activemq.command.ActiveMQQueue;

import javax.jms.ConnectionFactory;
import javax.jms.Destination;

/** A queue of the tests' broker. */
public final class QueueProvider implements JmsProvider {
    private static final long serialVersionUID = 1L;
    private final String url;
    private final String queue;

    public QueueProvider(String url, String queue) {
        this.url = url;
        this.queue = queue;
    }

    @Override
    public ConnectionFactory connectionFactory() {
        return Broker.factory(url);
    }

    @Override
    public Destination destination() {
        return new ActiveMQQueue(queue);
    }
}
