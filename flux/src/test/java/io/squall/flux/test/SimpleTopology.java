package io.squall.flux.test;

import io.squall.Config;
import io.squall.testing.TestWordSpout;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;

import java.util.Map;

/** An existing Java topology with getTopology(Map) and another method name, as Storm's Flux tests have. */
public class SimpleTopology {
    public final String foo;
    public final String bar;

    public SimpleTopology() {
        this("none", "none");
    }

    public SimpleTopology(String foo, String bar) {
        this.foo = foo;
        this.bar = bar;
    }

    public StormTopology getTopology(Map<String, Object> config) {
        return build("recorded-" + config.getOrDefault("recorder", foo));
    }

    public StormTopology getTopologyWithDifferentMethodName(Config config) {
        return build("other-" + foo + bar);
    }

    static StormTopology build(String recorder) {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("words", new TestWordSpout(), 1);
        builder.setBolt("record", new RecordingBolt(recorder), 2).fieldsGrouping("words", new Fields("word"));
        return builder.createTopology();
    }
}
