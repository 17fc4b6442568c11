package io.squall.kafka.spout;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.kafka.SharedKafka;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import io.squall.windowing.TupleWindow;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Event time from Kafka record timestamps against a real broker: one spout task reads a partition that is far ahead
 * in event time, one that is slow and one that stays empty. Its watermark is the minimum over the partitions (the
 * empty one left out after the idle timeout), so every window holds exactly the records of both partitions and none
 * is late, although the fast partition's records are all emitted before the slow one's.
 */
class KafkaEventTimeIT {
    /** Windows fired, by window end: {records of partition 0, records of partition 1}. */
    static final Map<Long, long[]> WINDOWS = new ConcurrentHashMap<>();
    static final Set<String> LATE = ConcurrentHashMap.newKeySet();

    /** Counts the records of each partition in a window. */
    static class PerPartitionCount extends BaseWindowedBolt {
        private static final long serialVersionUID = 1L;
        private transient OutputCollector out;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            out = collector;
        }

        @Override
        public void execute(TupleWindow window) {
            long[] counts = new long[2];
            for (Tuple t : window.get()) {
                counts[t.getIntegerByField("partition")]++;
            }
            WINDOWS.merge(window.getEndTimestamp(), counts, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            out.emit(window.get(), new Values(window.getEndTimestamp(), counts[0], counts[1]));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("end", "p0", "p1"));
        }
    }

    /** Keeps the late tuples it gets. */
    static class LateRecorder extends BaseRichBolt {
        private static final long serialVersionUID = 1L;
        private transient OutputCollector out;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            out = collector;
        }

        @Override
        public void execute(Tuple input) {
            LATE.add(input.getValues().toString());
            out.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    @Test
    @Timeout(120)
    void theWatermarkIsTheMinimumOverThePartitionsSoNoRecordOfTheSlowPartitionIsLate() {
        String topic = "event-time";
        SharedKafka.createTopic(topic, 3);
        // Twenty minutes back, so that neither the broker's timestamp checks nor its retention mind the times.
        long base = (System.currentTimeMillis() - 1_200_000) / 60_000 * 60_000;
        try (KafkaProducer<String, String> p = SharedKafka.producer(Map.of())) {
            for (int i = 0; i < 3000; i++) {      // partition 0: one record every 20 ms of event time
                p.send(new ProducerRecord<>(topic, 0, base + 1 + i * 20L, "k", "v"));
            }
            for (int i = 0; i < 120; i++) {       // partition 1: one every 500 ms
                p.send(new ProducerRecord<>(topic, 1, base + 1 + i * 500L, "k", "v"));
            }
            for (int partition = 0; partition < 2; partition++) { // moves both past the sixth window
                p.send(new ProducerRecord<>(topic, partition, base + 75_000, "k", "v"));
            }
            p.flush();
        }
        KafkaSpoutConfig<String, String> config = KafkaSpoutConfig.builder(SharedKafka.bootstrap(), topic)
                .setProp("group.id", topic)
                .setRecordTranslator(r -> new Values(r.partition(), r.offset(), r.timestamp()),
                        new Fields("partition", "offset", "ts"))
                .build();
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("kafka", new KafkaSpout<>(config), 1)
                .withEventTime(Duration.ofMillis(500))
                .withIdleTimeout(Duration.ofSeconds(1));
        b.setBolt("windows", new PerPartitionCount().withTumblingWindow(BaseWindowedBolt.Duration.seconds(10))
                .withTimestampField("ts").withLateTupleStream("late"), 1).shuffleGrouping("kafka");
        b.setBolt("late", new LateRecorder(), 1).shuffleGrouping("windows", "late");
        Config conf = new Config();
        conf.setMaxSpoutPending(10_000);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology(topic, conf, b.createTopology());
            Await.until(Duration.ofSeconds(90), () -> WINDOWS.keySet().stream().filter(e -> e <= base + 60_000)
                    .count() == 6, () -> "six windows, fired " + new TreeMap<>(WINDOWS).keySet());
            assertNull(cluster.getTopologyFailure(topic));
        }
        for (long end = base + 10_000; end <= base + 60_000; end += 10_000) {
            long[] counts = WINDOWS.get(end);
            assertEquals(List.of(500L, 20L), List.of(counts[0], counts[1]),
                    "window ending " + (end - base) + " ms holds every record of both partitions");
        }
        assertEquals(Set.of(), LATE, "no tuple was late");
    }
}
