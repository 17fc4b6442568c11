package io.squall.kafka.bolt;

import io.squall.kafka.bolt.selector.FieldIndexTopicSelector;
import io.squall.metrics.TaggedRegistry;
import io.squall.task.IOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.task.WorkerTopologyContext;
import io.squall.testing.FixedTupleSpout;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import io.squall.tuple.MessageId;
import io.squall.tuple.Tuple;
import io.squall.tuple.TupleImpl;
import io.squall.tuple.Values;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** KafkaBolt's Storm API against Kafka's MockProducer: callbacks, the topic from the configuration, mkProducer. */
class KafkaBoltTest {
    private final MockProducer<String, String> producer =
            new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
    private final List<Tuple> acked = new ArrayList<>();
    private final List<Tuple> failed = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();

    /** A bolt whose producer is the MockProducer, through Storm's mkProducer hook. */
    private KafkaBolt<String, String> bolt() {
        return new KafkaBolt<>() {
            @Override
            protected Producer<String, String> mkProducer(Properties props) {
                return producer;
            }
        };
    }

    private void prepare(KafkaBolt<String, String> bolt, Map<String, Object> conf) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("in", new FixedTupleSpout(List.of(), new Fields("key", "message")));
        b.setBolt("kafka", new KafkaBolt<String, String>().withTopicSelector("t"), 1).shuffleGrouping("in");
        WorkerTopologyContext worker = new WorkerTopologyContext(b.createTopology(), conf, Map.of(1, "in", 2, "kafka"),
                "topo-1", 0, List.of(1, 2));
        bolt.prepare(conf, new TopologyContext(worker, 2, new TaggedRegistry()), new OutputCollector(new Recording()));
    }

    private static Tuple tuple(String key, String message, String topic) {
        return new TupleImpl("in", "default", new Fields("key", "message", "topic"), 1,
                new Values(key, message, topic), MessageId.unanchored());
    }

    @Test
    void aPreparableCallbackIsPreparedWithTheBoltAndToldOfEverySend() {
        CountingCallback callback = new CountingCallback();
        KafkaBolt<String, String> bolt = bolt().withTopicSelector(new FieldIndexTopicSelector(2, "fallback"))
                .withProducerCallback(callback);
        prepare(bolt, Map.of("answer", 42));
        assertEquals(42, callback.preparedWith.get("answer"));
        assertEquals("kafka", callback.component);
        Tuple first = tuple("k1", "m1", "orders");
        bolt.execute(first);
        bolt.execute(tuple("k2", "m2", "payments"));
        bolt.onTime(0);
        assertEquals(2, callback.completions);
        assertEquals(List.of("orders", "payments"), producer.history().stream().map(ProducerRecord::topic).toList());
        assertEquals(2, acked.size());
        assertTrue(failed.isEmpty() && errors.isEmpty());
    }

    @Test
    void theCallbackIsToldOfSynchronousAndFireAndForgetSendsToo() {
        CountingCallback callback = new CountingCallback();
        KafkaBolt<String, String> sync = bolt().withTopicSelector("t").withProducerCallback(callback);
        sync.setAsync(false);
        prepare(sync, Map.of());
        sync.execute(tuple("k", "m", null));
        KafkaBolt<String, String> fireAndForget = bolt().withTopicSelector("t").withProducerCallback(callback);
        fireAndForget.setFireAndForget(true);
        prepare(fireAndForget, Map.of());
        fireAndForget.execute(tuple("k", "m", null));
        assertEquals(2, callback.completions);
        assertEquals(2, acked.size());
    }

    @Test
    void withoutASelectorTheBoltWritesToTheTopicTheTopologyConfigurationNames() {
        KafkaBolt<String, String> bolt = bolt();
        prepare(bolt, Map.of(KafkaBolt.TOPIC, "from-conf"));
        bolt.execute(tuple("k", "m", "ignored"));
        bolt.onTime(0);
        assertEquals("from-conf", producer.history().get(0).topic());
        assertEquals(1, acked.size());
    }

    @Test
    void withNeitherASelectorNorATopicItReportsTheMistakeAndFailsTuples() {
        KafkaBolt<String, String> bolt = bolt();
        prepare(bolt, Map.of());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).getMessage().contains("has no topic"), errors.get(0).getMessage());
        bolt.execute(tuple("k", "m", "t"));
        assertEquals(1, failed.size());
        assertTrue(producer.history().isEmpty());
    }

    /** Counts completions; records what it was prepared with. Called on the test thread (MockProducer). */
    static final class CountingCallback implements PreparableCallback {
        private static final long serialVersionUID = 1L;
        Map<String, Object> preparedWith;
        String component;
        int completions;

        @Override
        public void prepare(Map<String, Object> topoConf, TopologyContext context) {
            preparedWith = topoConf;
            component = context.getThisComponentId();
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            completions++;
        }
    }

    private final class Recording implements IOutputCollector {
        @Override
        public List<Integer> emit(String streamId, Collection<Tuple> anchors, List<Object> tuple) {
            return List.of();
        }

        @Override
        public void emitDirect(int taskId, String streamId, Collection<Tuple> anchors, List<Object> tuple) {
        }

        @Override
        public void ack(Tuple input) {
            acked.add(input);
        }

        @Override
        public void fail(Tuple input) {
            failed.add(input);
        }

        @Override
        public void resetTimeout(Tuple input) {
        }

        @Override
        public void reportError(Throwable error) {
            errors.add(error);
        }
    }
}
