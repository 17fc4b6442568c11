package io.squall.drpc;

import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.LocalDRPC;
import io.squall.coordination.BatchOutputCollector;
import io.squall.DRPC;
import io.squall.task.TopologyContext;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.DRPCExceptionType;
import io.squall.topology.DRPCExecutionException;
import io.squall.topology.ReportedFailedException;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.topology.base.BaseBatchBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Linear DRPC in local mode: a reach query (fan-out, partial then final aggregation) and failing requests. */
class LinearDRPCIT {
    /** url -> who tweeted it; tweeter -> followers: reach(url) = distinct followers of its tweeters. */
    static final Map<String, List<String>> TWEETERS = Map.of(
            "u1", List.of("t1", "t2", "t3"),
            "u2", List.of("t2"),
            "u3", List.of("t3", "t4"),
            "u4", List.of());
    static final Map<String, List<String>> FOLLOWERS = Map.of(
            "t1", List.of("f1", "f2", "f3"),
            "t2", List.of("f2", "f4"),
            "t3", List.of("f1", "f5", "f6", "f7"),
            "t4", List.of("f7", "f8"));

    static int expectedReach(String url) {
        Set<String> all = new HashSet<>();
        TWEETERS.get(url).forEach(t -> all.addAll(FOLLOWERS.get(t)));
        return all.size();
    }

    static final class GetTweeters extends BaseBasicBolt {
        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            for (String t : TWEETERS.get(input.getString(1))) {
                collector.emit(new Values(input.getValue(0), t));
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("id", "tweeter"));
        }
    }

    static final class GetFollowers extends BaseBasicBolt {
        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            for (String f : FOLLOWERS.get(input.getString(1))) {
                collector.emit(new Values(input.getValue(0), f));
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("id", "follower"));
        }
    }

    static final class PartialUniquer extends BaseBatchBolt<Object> {
        private transient BatchOutputCollector collector;
        private transient Object id;
        private transient Set<String> followers;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, BatchOutputCollector collector,
                            Object id) {
            this.collector = collector;
            this.id = id;
            this.followers = new HashSet<>();
        }

        @Override
        public void execute(Tuple tuple) {
            followers.add(tuple.getString(1));
        }

        @Override
        public void finishBatch() {
            collector.emit(new Values(id, followers.size()));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("id", "partial-count"));
        }
    }

    static final class CountAggregator extends BaseBatchBolt<Object> {
        private transient BatchOutputCollector collector;
        private transient Object id;
        private transient int count;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, BatchOutputCollector collector,
                            Object id) {
            this.collector = collector;
            this.id = id;
        }

        @Override
        public void execute(Tuple tuple) {
            count += tuple.getInteger(1);
        }

        @Override
        public void finishBatch() {
            collector.emit(new Values(id, String.valueOf(count)));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("id", "reach"));
        }
    }

    /** Fails requests whose argument is "boom", reporting it; emits nothing for "silent"; echoes the others. */
    static final class Picky extends BaseBasicBolt {
        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            String arg = input.getString(1);
            if (arg.equals("boom")) {
                throw new ReportedFailedException("boom: the picky bolt refuses it");
            }
            if (!arg.equals("silent")) {
                collector.emit(new Values(input.getValue(0), arg + "!"));
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("id", "echo"));
        }
    }

    static LinearDRPCTopologyBuilder reach() {
        LinearDRPCTopologyBuilder builder = new LinearDRPCTopologyBuilder("reach");
        builder.addBolt(new GetTweeters(), 2);
        builder.addBolt(new GetFollowers(), 3).shuffleGrouping();
        builder.addBolt(new PartialUniquer(), 3).fieldsGrouping(new Fields("id", "follower"));
        builder.addBolt(new CountAggregator(), 2).fieldsGrouping(new Fields("id"));
        return builder;
    }

    /** GetFollowers on a stream of its own: the next bolt takes that stream, as Storm's declarer allows. */
    static final class FollowersOnAStream extends BaseBasicBolt {
        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            for (String f : FOLLOWERS.get(input.getString(1))) {
                collector.emit("followers", new Values(input.getValue(0), f));
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declareStream("followers", new Fields("id", "follower"));
        }
    }

    @Test
    @Timeout(120)
    void aBoltMayTakeANamedStreamOfThePreviousAndSetItsTasksAndConfiguration() throws Exception {
        LinearDRPCTopologyBuilder builder = new LinearDRPCTopologyBuilder("reach");
        builder.addBolt(new GetTweeters(), 2);
        builder.addBolt(new FollowersOnAStream(), 2).shuffleGrouping();
        builder.addBolt(new PartialUniquer(), 2).fieldsGrouping("followers", new Fields("id", "follower"))
                .setNumTasks(4).addConfiguration("my.setting", 7);
        builder.addBolt(new CountAggregator(), 2).fieldsGrouping(new Fields("id"));
        Config conf = new Config();
        conf.put(DRPC.REQUEST_TIMEOUT_SECS, 60);
        try (LocalDRPC drpc = new LocalDRPC(conf); LocalCluster cluster = new LocalCluster()) {
            io.squall.topology.StormTopology topology = builder.createLocalTopology(drpc);
            io.squall.topology.ComponentSpec uniquer = topology.getComponent("bolt2");
            assertEquals(4, uniquer.getNumTasks());
            assertEquals(7L, ((Number) uniquer.getConfig().get("my.setting")).longValue());
            cluster.submitTopology("reach-on-a-stream", conf, topology);
            for (String url : List.of("u1", "u2", "u3", "u4", "u1")) {
                assertEquals(String.valueOf(expectedReach(url)), drpc.execute("reach", url), "reach of " + url);
            }
        }
    }

    @Test
    @Timeout(120)
    void reachAnswersManyConcurrentRequestsAndFailedOrLostOnesGetTheError() throws Exception {
        Config conf = new Config();
        conf.put(DRPC.REQUEST_TIMEOUT_SECS, 3);
        LinearDRPCTopologyBuilder picky = new LinearDRPCTopologyBuilder("picky");
        picky.addBolt(new Picky(), 2);
        ExecutorService clients = Executors.newFixedThreadPool(16);
        Config reachConf = new Config();
        reachConf.put(DRPC.REQUEST_TIMEOUT_SECS, 60);
        try (LocalDRPC drpc = new LocalDRPC(reachConf); LocalDRPC quick = new LocalDRPC(conf);
             LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("reach", reachConf, reach().createLocalTopology(drpc));
            cluster.submitTopology("picky", conf, picky.createLocalTopology(quick));
            List<String> urls = new ArrayList<>();
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String url = "u" + (1 + i % 4);
                urls.add(url);
                answers.add(clients.submit(() -> drpc.execute("reach", url)));
            }
            for (int i = 0; i < urls.size(); i++) {
                assertEquals(String.valueOf(expectedReach(urls.get(i))), answers.get(i).get(),
                        "reach of " + urls.get(i));
            }
            String hi = null;
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (hi == null && System.nanoTime() < deadline) {
                try {
                    hi = quick.execute("picky", "hi");
                } catch (DRPCExecutionException e) {
                    assertEquals(DRPCExceptionType.SERVER_TIMEOUT, e.getType(), "only while the topology starts");
                }
            }
            assertEquals("hi!", hi);
            DRPCExecutionException failed = assertThrows(DRPCExecutionException.class,
                    () -> quick.execute("picky", "boom"));
            assertEquals(DRPCExceptionType.FAILED_REQUEST, failed.getType(), failed.getMessage());
            long start = System.nanoTime();
            DRPCExecutionException lost = assertThrows(DRPCExecutionException.class,
                    () -> quick.execute("picky", "silent"));
            assertEquals(DRPCExceptionType.SERVER_TIMEOUT, lost.getType(), lost.getMessage());
            assertTrue(lost.getMessage().contains("Timed out"), lost.getMessage());
            assertTrue(System.nanoTime() - start >= 2_900_000_000L, "waited the request timeout");
            assertEquals("still here!", quick.execute("picky", "still here"), "the topology goes on");
            assertEquals(200L, drpc.counts().get("completed"));
            assertEquals(2L, quick.counts().get("completed"), "two echoes");
        } finally {
            clients.shutdownNow();
        }
    }
}
