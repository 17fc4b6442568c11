package io.squall.perf;

import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.kafka.bolt.KafkaBolt;
import io.squall.kafka.dev.LocalKafkaBroker;
import io.squall.kafka.spout.FirstPollOffsetStrategy;
import io.squall.kafka.spout.KafkaSpout;
import io.squall.kafka.spout.KafkaSpoutConfig;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Records/s through Kafka in local mode: (1) a topic of N records of 100 bytes read by {@code KafkaSpout} into a
 * no-op bolt that acks (at-least-once, one acker), timed from submit to the last ack; (2) N tuples written by
 * {@code KafkaBolt} (acked once Kafka acknowledged them, {@code acks=1}), timed from submit to the last ack.
 * Without a bootstrap address it starts a broker of its own from external/kafka/target/kafka-server-lib.
 *
 * <pre>usage: KafkaBenchmark [records] [partitions] [bootstrap-servers]</pre>
 */
public final class KafkaBenchmark {
    static final AtomicLong ACKED = new AtomicLong();

    private KafkaBenchmark() {
    }

    /** Acks every tuple and does nothing else. */
    public static class NoOpBolt extends BaseRichBolt {
        private transient OutputCollector out;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            out = collector;
        }

        @Override
        public void execute(Tuple input) {
            out.ack(input);
            ACKED.incrementAndGet();
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    /** Emits {@code count} tracked tuples (key, message) and counts their acks. */
    public static class CountedSpout extends BaseRichSpout {
        private final long count;
        private transient SpoutOutputCollector out;
        private transient long emitted;
        private transient String payload;

        public CountedSpout(long count) {
            this.count = count;
        }

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            out = collector;
            payload = "x".repeat(100);
        }

        @Override
        public void nextTuple() {
            if (emitted < count) {
                out.emit(new Values(String.valueOf(emitted), payload), emitted++);
            }
        }

        @Override
        public void ack(Object msgId) {
            ACKED.incrementAndGet();
        }

        @Override
        public void fail(Object msgId) {
            throw new IllegalStateException("tuple " + msgId + " failed; the benchmark expects none to");
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("key", "message"));
        }
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        LocalKafkaBroker broker = null;
        String bootstrap;
        if (args.length > 2) {
            bootstrap = args[2];
        } else {
            Path dir = Files.createTempDirectory("squall-kafka-bench");
            broker = new LocalKafkaBroker(Path.of("external", "kafka", "target", "kafka-server-lib"), dir, 0, Map.of(),
                    "1g", List.of("-XX:+UseG1GC"));
            broker.start();
            bootstrap = broker.bootstrapServers();
        }
        try {
            String in = "bench-in-" + System.currentTimeMillis();
            String out = "bench-out-" + System.currentTimeMillis();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic(in, partitions, (short) 1), new NewTopic(out, partitions, (short) 1)))
                        .all().get();
            }
            fill(bootstrap, in, records);
            spoutRun(bootstrap, in, records, partitions);
            boltRun(bootstrap, out, records);
        } finally {
            if (broker != null) {
                broker.stop();
            }
        }
    }

    private static void fill(String bootstrap, String topic, int records) {
        Properties p = producerProps(bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        String value = "v".repeat(100);
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, String.valueOf(i), value));
            }
            producer.flush();
        }
        report("producer fill (plain KafkaProducer)", records, System.nanoTime() - start);
    }

    private static void spoutRun(String bootstrap, String topic, int records, int partitions) throws InterruptedException {
        ACKED.set(0);
        KafkaSpoutConfig<String, String> config = KafkaSpoutConfig.builder(bootstrap, topic)
                .setProp("group.id", topic)
                .setFirstPollOffsetStrategy(FirstPollOffsetStrategy.EARLIEST)
                .setOffsetCommitPeriodMs(1_000)
                .build();
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("kafka", new KafkaSpout<>(config), Math.min(2, partitions));
        b.setBolt("noop", new NoOpBolt(), 2).shuffleGrouping("kafka");
        Config conf = new Config();
        conf.setMaxSpoutPending(5_000);
        time("KafkaSpout -> no-op bolt, acking", b, conf, records);
    }

    private static void boltRun(String bootstrap, String topic, int records) throws InterruptedException {
        ACKED.set(0);
        Properties p = producerProps(bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        KafkaBolt<String, String> bolt = new KafkaBolt<String, String>().withProducerProperties(p)
                .withTopicSelector(topic);
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new CountedSpout(records), 1);
        b.setBolt("kafka", bolt, 2).shuffleGrouping("spout");
        Config conf = new Config();
        conf.setMaxSpoutPending(5_000);
        time("spout -> KafkaBolt (acked on send, acks=1)", b, conf, records);
    }

    private static void time(String what, TopologyBuilder b, Config conf, long records) throws InterruptedException {
        try (LocalCluster cluster = new LocalCluster()) {
            long start = System.nanoTime();
            cluster.submitTopology("bench", conf, b.createTopology());
            long deadline = start + TimeUnit.MINUTES.toNanos(10);
            while (ACKED.get() < records) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(what + ": only " + ACKED.get() + " of " + records + " acked in 10 min");
                }
                LockSupport.parkNanos(1_000_000);
            }
            report(what, records, System.nanoTime() - start);
        }
    }

    private static Properties producerProps(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    private static void report(String what, long records, long nanos) {
        System.out.printf("%-45s %,d records in %.1f s: %,.0f records/s%n", what, records, nanos / 1e9,
                records / (nanos / 1e9));
    }
}
