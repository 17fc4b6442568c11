package io.squall.jms;

import io.squall.topology.OutputFieldsDeclarer;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;

import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.TextMessage;

/** A text message's text as the tuple's one field, {@code text}. */
public class TextProducer implements JmsTupleProducer {
    private static final long serialVersionUID = 1L;

    @Override
    public Values toTuple(Message msg) throws JMSException {
        return new Values(((TextMessage) msg).getText());
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields("text"));
    }
}
