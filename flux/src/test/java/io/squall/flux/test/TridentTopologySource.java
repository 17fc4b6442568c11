package io.squall.flux.test;

import io.squall.topology.StormTopology;
import io.squall.trident.TridentTopology;
import io.squall.trident.operation.BaseFunction;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.operation.builtin.Count;
import io.squall.trident.testing.FixedBatchSpout;
import io.squall.trident.testing.MemoryMapState;
import io.squall.trident.testing.Split;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;

import java.util.Map;

/** A Trident word count handed to Flux as a StormTopology; each new count is recorded as "trident". */
public class TridentTopologySource {
    /** Records (word, count) in {@link Recorder}. */
    public static class Record extends BaseFunction {
        private static final long serialVersionUID = 1L;

        @Override
        public void execute(TridentTuple tuple, TridentCollector collector) {
            Recorder.record("trident", new java.util.ArrayList<>(tuple));
        }
    }

    public StormTopology getTopology(Map<String, Object> config) {
        FixedBatchSpout spout = new FixedBatchSpout(new Fields("sentence"), 2,
                new Values("the cow jumped over the moon"), new Values("the man went to the store"),
                new Values("four score and seven years ago"));
        TridentTopology topology = new TridentTopology();
        topology.newStream("flux-sentences", spout)
                .each(new Fields("sentence"), new Split(), new Fields("word"))
                .groupBy(new Fields("word"))
                .persistentAggregate(new MemoryMapState.Factory(), new Count(), new Fields("count"))
                .newValuesStream()
                .each(new Fields("word", "count"), new Record(), new Fields());
        return topology.build();
    }
}
