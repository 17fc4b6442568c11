package io.squall.jms;

import io.squall.tuple.ITuple;

import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.Session;
import java.io.Serializable;

/**
 * Turns a tuple into the JMS message a {@code JmsBolt} or {@code JmsState} sends, as Storm's storm-jms
 * {@code JmsMessageProducer}. A message with its own {@code JMSDestination} goes there instead of the provider's.
 */
public interface JmsMessageProducer extends Serializable {
    /** The message for {@code input}, made with {@code session}; null sends nothing. */
    Message toMessage(Session session, ITuple input) throws JMSException;
}
