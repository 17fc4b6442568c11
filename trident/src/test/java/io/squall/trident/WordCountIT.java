package io.squall.trident;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.trident.operation.BaseFunction;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.operation.builtin.Count;
import io.squall.trident.testing.FixedBatchSpout;
import io.squall.trident.testing.MemoryMapState;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(60)
class WordCountIT {
    static final class Split extends BaseFunction {
        @Override
        public void execute(TridentTuple tuple, TridentCollector collector) {
            for (String w : tuple.getString(0).split(" ")) {
                collector.emit(new Values(w));
            }
        }
    }

    @Test
    void countsWordsOfFixedBatchesIntoMemoryState() {
        FixedBatchSpout spout = new FixedBatchSpout(new Fields("sentence"), 2,
                new Values("a b c"), new Values("a b"), new Values("a"));
        MemoryMapState.Factory counts = new MemoryMapState.Factory();
        TridentTopology topology = new TridentTopology();
        topology.newStream("wc-fixed", spout)
                .each(new Fields("sentence"), new Split(), new Fields("word"))
                .groupBy(new Fields("word"))
                .persistentAggregate(counts, new Count(), new Fields("count"))
                .parallelismHint(2);
        Config conf = new Config();
        conf.put(Config.TOPOLOGY_TRIDENT_BATCH_EMIT_INTERVAL_MILLIS, 1);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("wc", conf, topology.build());
            Await.until(Duration.ofSeconds(30), () -> Long.valueOf(1).equals(counts.get(List.of("c")))
                    && Long.valueOf(3).equals(counts.get(List.of("a"))), () -> "counts " + counts.snapshot());
            assertEquals(2L, counts.get(List.of("b")));
        }
    }
}
