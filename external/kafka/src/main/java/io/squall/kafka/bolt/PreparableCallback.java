package io.squall.kafka.bolt;

import io.squall.task.TopologyContext;
import org.apache.kafka.clients.producer.Callback;

import java.io.Serializable;
import java.util.Map;

/**
 * A producer callback that travels with a {@link KafkaBolt} and is prepared on the bolt's task before its first
 * send. {@link #prepare} runs on the bolt's executor thread; {@code onCompletion} runs on the producer's I/O thread
 * for every send, so state shared between the two must be safe to publish across threads.
 */
public interface PreparableCallback extends Callback, Serializable {

    /** Called once when the bolt is prepared, before any send, with the topology's configuration. */
    void prepare(Map<String, Object> topoConf, TopologyContext context);
}
