package io.squall.trident.clustertest;

import io.squall.Config;
import io.squall.SquallSubmitter;
import io.squall.trident.TridentTopology;
import io.squall.trident.coordinator.CoordinatorStores;
import io.squall.trident.operation.BaseFunction;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.operation.builtin.Count;
import io.squall.trident.spout.LogFileSpout;
import io.squall.trident.state.StateType;
import io.squall.trident.state.map.RocksDbMapState;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;

import java.util.List;

/**
 * Trident word count submitted to a cluster: a log file, split, counts per word in a transactional RocksDB state,
 * coordinator state in ZooKeeper. Arguments: name, log file, database directory, ZooKeeper port, lines per batch,
 * and optionally the ZooKeeper hosts, comma-separated (127.0.0.1 when left out).
 */
public final class ClusterWordCount {
    private ClusterWordCount() {
    }

    /** Splits a line into words. */
    public static class Split extends BaseFunction {
        @Override
        public void execute(TridentTuple tuple, TridentCollector collector) {
            for (String w : tuple.getString(0).split(" ")) {
                collector.emit(new Values(w));
            }
        }
    }

    public static void main(String[] args) {
        TridentTopology t = new TridentTopology();
        t.newStream("cluster-wc", new LogFileSpout(List.of(args[1]), Integer.parseInt(args[4])))
                .each(new Fields("line"), new Split(), new Fields("word"))
                .groupBy(new Fields("word"))
                .persistentAggregate(new RocksDbMapState.Factory(args[2], StateType.TRANSACTIONAL), new Count(),
                        new Fields("count"))
                .parallelismHint(2);
        Config conf = new Config();
        conf.setNumWorkers(1);
        conf.setMaxSpoutPending(2);
        conf.put(Config.TOPOLOGY_TRIDENT_BATCH_EMIT_INTERVAL_MILLIS, 20);
        conf.put(CoordinatorStores.ZK_SERVERS, List.of((args.length > 5 ? args[5] : "127.0.0.1").split(",")));
        conf.put(CoordinatorStores.ZK_PORT, Integer.parseInt(args[3]));
        SquallSubmitter.submitTopology(args[0], conf, t.build());
    }
}
