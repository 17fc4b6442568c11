package io.squall.runtime;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.runtime.api.ComponentCounts;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testing.AckTracker;
import io.squall.testing.FixedTupleSpout;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A slow bolt stops the spouts instead of filling memory; a cycle of bolts under pressure does not deadlock. */
class BackpressureIT {
    /** Sends each tuple around the cycle A → B → A until it has made three hops, anchored all the way. */
    static class Hop extends BaseRichBolt {
        private transient OutputCollector out;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            out = collector;
        }

        @Override
        public void execute(Tuple input) {
            int hops = input.getIntegerByField("hops");
            if (hops < 3) {
                out.emit(input, new Values(input.getValue(0), hops + 1));
            }
            out.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("n", "hops"));
        }
    }

    @Test
    @Timeout(120)
    void aCycleOfBoltsWithTinyQueuesDoesNotDeadlock() {
        int n = 20_000;
        List<List<Object>> input = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            input.add(new Values(i, 0));
        }
        AckTracker tracker = AckTracker.named("cycle");
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new FixedTupleSpout(input, new Fields("n", "hops"), "cycle"));
        b.setBolt("a", new Hop(), 2).shuffleGrouping("spout").shuffleGrouping("b");
        b.setBolt("b", new Hop(), 2).shuffleGrouping("a");
        Config conf = new Config();
        conf.put(Config.TOPOLOGY_EXECUTOR_RECEIVE_BUFFER_SIZE, 16);
        conf.put(Config.TOPOLOGY_PRODUCER_BATCH_SIZE, 8);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("cycle", conf, b.createTopology());
            Await.until(Duration.ofSeconds(100), () -> tracker.distinctAcked() == n,
                    () -> tracker.distinctAcked() + " of " + n + " acked");
            assertEquals(0, tracker.totalFails(), "nothing timed out or failed");
        } finally {
            AckTracker.remove("cycle");
        }
    }

    /** Emits unanchored numbers as fast as it is allowed to. */
    static class FastSpout extends BaseRichSpout {
        private transient SpoutOutputCollector out;
        private transient long next;

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            out = collector;
        }

        @Override
        public void nextTuple() {
            out.emit(new Values(next++));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("n"));
        }
    }

    /** Takes 50 microseconds a tuple: far slower than the spout. */
    static class SlowBolt extends BaseRichBolt {
        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
        }

        @Override
        public void execute(Tuple input) {
            LockSupport.parkNanos(50_000);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    static TopologyBuilder slowTopology() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new FastSpout());
        b.setBolt("slow", new SlowBolt()).shuffleGrouping("spout");
        return b;
    }

    @Test
    @Timeout(60)
    void aSlowBoltStopsTheSpoutAndLosesNothing() throws Exception {
        Config conf = new Config();
        conf.put(Config.TOPOLOGY_EXECUTOR_RECEIVE_BUFFER_SIZE, 1024);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("slow", conf, slowTopology().createTopology());
            long maxBacklog = 0;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < end) {
                Map<String, ComponentCounts> stats = cluster.getComponentStats("slow");
                long backlog = stats.get("spout").transferred() - stats.get("slow").executed();
                maxBacklog = Math.max(maxBacklog, backlog);
                TimeUnit.MILLISECONDS.sleep(20);
            }
            // The queue holds 1024 and the spout can have one batch of 64 beyond the high watermark.
            assertTrue(maxBacklog <= 1024 + 2 * 64, "backlog stays within the queue: " + maxBacklog);
            assertTrue(cluster.getComponentStats("slow").get("slow").executed() > 1_000, "the bolt made progress");
            cluster.deactivate("slow");
            Await.until(Duration.ofSeconds(20), () -> {
                Map<String, ComponentCounts> stats = cluster.getComponentStats("slow");
                return stats.get("spout").transferred() == stats.get("slow").executed();
            }, () -> "every emitted tuple to be executed: " + cluster.getComponentStats("slow"));
        }
    }

    /** Runs the slow topology for the seconds given, then checks nothing was lost; exit 0 on success. */
    public static void main(String[] args) throws Exception {
        int secs = Integer.parseInt(args[0]);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("soak", new Config(), slowTopology().createTopology());
            TimeUnit.SECONDS.sleep(secs);
            cluster.deactivate("soak");
            Await.until(Duration.ofSeconds(30), () -> {
                Map<String, ComponentCounts> stats = cluster.getComponentStats("soak");
                return stats.get("spout").transferred() == stats.get("slow").executed();
            }, () -> "every emitted tuple to be executed: " + cluster.getComponentStats("soak"));
            System.out.println("soak ok: " + cluster.getComponentStats("soak").get("slow").executed() + " tuples, heap used "
                    + (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1 << 20) + " MiB");
        }
        System.exit(0);
    }

    /**
     * The suite's short soak: without backpressure the fast spout would fill a 256 MB heap in seconds. A longer soak
     * runs the same check for as long as asked: {@code java -Xmx256m -cp CLASSPATH io.squall.runtime.BackpressureIT
     * SECONDS}.
     */
    @Test
    @Timeout(120)
    void aSlowBoltRunsHalfAMinuteIn256MegabytesOfHeap() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                BackpressureIT.class.getName(), "30").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(110, TimeUnit.SECONDS), "soak did not finish");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("soak ok"), output);
    }
}
