package io.squall.jms;

import io.squall.topology.OutputFieldsDeclarer;
import io.squall.tuple.Values;

import javax.jms.JMSException;
import javax.jms.Message;
import java.io.Serializable;

/** Turns a JMS message into the tuple a {@code JmsSpout} emits, as Storm's storm-jms {@code JmsTupleProducer}. */
public interface JmsTupleProducer extends Serializable {
    /** The tuple's values for {@code msg}; null skips the message (it is acknowledged as done). */
    Values toTuple(Message msg) throws JMSException;

    /** Declares the fields of the tuples {@link #toTuple} makes, on the default stream. */
    void declareOutputFields(OutputFieldsDeclarer declarer);
}
