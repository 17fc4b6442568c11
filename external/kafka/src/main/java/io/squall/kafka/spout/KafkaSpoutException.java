package io.squall.kafka.spout;

import io.squall.errors.SquallException;

/** A problem a {@link KafkaSpout} reports: its message names the spout and what to fix. */
public class KafkaSpoutException extends SquallException {
    private static final long serialVersionUID = 1L;

    public KafkaSpoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
