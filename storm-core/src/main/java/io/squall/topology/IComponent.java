package io.squall.topology;

import java.io.Serializable;
import java.util.Map;

/** What spouts and bolts share: they declare their output streams and may carry their own configuration. */
public interface IComponent extends Serializable {
    /** Declares the output streams and their fields. Called when the topology is built. */
    void declareOutputFields(OutputFieldsDeclarer declarer);

    /** Configuration for this component only; may be null. */
    Map<String, Object> getComponentConfiguration();
}
