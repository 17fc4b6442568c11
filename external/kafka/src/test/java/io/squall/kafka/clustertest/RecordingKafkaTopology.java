package io.squall.kafka.clustertest;

import io.squall.Config;
import io.squall.SquallSubmitter;
import io.squall.kafka.spout.KafkaSpout;
import io.squall.kafka.spout.KafkaSpoutConfig;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.tuple.Tuple;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A KafkaSpout topology submitted to a cluster from a JAR: two spouts and two recording bolts over two workers, each
 * spout's tuples shuffled over both bolts.
 * Each bolt writes the {@code partition:offset} of every record it acks to a file of a shared directory (one file
 * per task and process) before acking it, so a test can tell what was processed and how often. Arguments: name,
 * bootstrap servers, topic, consumer group, records directory.
 */
public final class RecordingKafkaTopology {
    private RecordingKafkaTopology() {
    }

    /** Records each record's partition and offset, then acks it. */
    public static class RecordingBolt extends BaseRichBolt {
        private static final long serialVersionUID = 1L;
        private final String dir;
        private transient OutputCollector collector;
        private transient BufferedWriter out;

        public RecordingBolt(String dir) {
            this.dir = dir;
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
            try {
                out = Files.newBufferedWriter(Path.of(dir, "processed-" + context.getThisTaskId() + "-"
                        + ProcessHandle.current().pid() + ".txt"), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void execute(Tuple input) {
            try {
                out.write(input.getIntegerByField("partition") + ":" + input.getLongByField("offset") + "\n");
                out.flush();
            } catch (IOException e) {
                collector.reportError(e);
                collector.fail(input);
                return;
            }
            collector.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    public static void main(String[] args) {
        KafkaSpoutConfig<String, String> spoutConfig = KafkaSpoutConfig.builder(args[1], args[2])
                .setProp("group.id", args[3])
                .setOffsetCommitPeriodMs(300)
                .setPartitionRefreshPeriodMs(1000)
                .build();
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("kafka", new KafkaSpout<>(spoutConfig), 2);
        b.setBolt("recorder", new RecordingBolt(args[4]), 2).shuffleGrouping("kafka");
        Config conf = new Config();
        conf.setNumWorkers(2);
        conf.setMaxSpoutPending(1000);
        // Plain round-robin shuffle: half of each spout's tuples cross to the other worker, so a killed worker leaves
        // the survivor's tuples in flight to it (on the link and in its queues), which must time out and be replayed.
        // A load-aware shuffle would keep them in their own worker while its bolt keeps up.
        conf.put(Config.TOPOLOGY_DISABLE_LOADAWARE_MESSAGING, true);
        // Tuples in flight to a killed worker are replayed after this: short, so the test need not wait long.
        conf.setMessageTimeoutSecs(10);
        SquallSubmitter.submitTopology(args[0], conf, b.createTopology());
    }
}
