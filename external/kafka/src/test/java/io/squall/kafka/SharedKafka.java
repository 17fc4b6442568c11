package io.squall.kafka;

import io.squall.kafka.dev.LocalKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The one Kafka broker the integration tests of a run share: started on first use from target/kafka-server-lib,
 * on a free loopback port with a temporary directory, and stopped (directory deleted) when the test JVM exits.
 */
public final class SharedKafka {
    private static LocalKafkaBroker broker;
    private static Admin admin;

    private SharedKafka() {
    }

    /** The running broker, started if needed. */
    public static synchronized LocalKafkaBroker broker() {
        if (broker == null) {
            try {
                Path dir = Files.createTempDirectory("squall-kafka-it");
                broker = new LocalKafkaBroker(Path.of("target", "kafka-server-lib"), dir, 0, Map.of(), "768m",
                        // Starts in about half the time; the tests move too few records for C2 to matter.
                        List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    broker.kill();
                    deleteTree(dir);
                }, "stop-shared-kafka"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        broker.start();
        return broker;
    }

    public static String bootstrap() {
        return broker().bootstrapServers();
    }

    /** An admin client of the shared broker. */
    public static synchronized Admin admin() {
        broker();
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()));
        }
        return admin;
    }

    public static void createTopic(String topic, int partitions) {
        get(() -> admin().createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get());
    }

    public static void addPartitions(String topic, int totalPartitions) {
        get(() -> admin().createPartitions(Map.of(topic, NewPartitions.increaseTo(totalPartitions))).all().get());
    }

    /**
     * Writes records {@code from}.. (key = value = the number) round-robin over the topic's partitions, and fails
     * if any of them was not written: a test that waits for records its setup never wrote would only time out.
     */
    public static void produce(String topic, int from, int count) {
        try (KafkaProducer<String, String> p = producer(Map.of())) {
            int partitions = p.partitionsFor(topic).size();
            List<Future<RecordMetadata>> sends = new ArrayList<>(count);
            for (int i = from; i < from + count; i++) {
                sends.add(p.send(new ProducerRecord<>(topic, i % partitions, String.valueOf(i), String.valueOf(i))));
            }
            p.flush();
            for (int i = 0; i < sends.size(); i++) {
                try {
                    sends.get(i).get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("test setup could not write record " + (from + i) + " of "
                            + from + ".." + (from + count - 1) + " to " + topic + ": " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    public static KafkaProducer<String, String> producer(Map<String, Object> extra) {
        Map<String, Object> conf = new HashMap<>();
        conf.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        conf.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        conf.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        conf.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        conf.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        // On a loaded machine a batch can time out and its retry arrive after later batches, which the broker then
        // refuses as out of sequence; one request in flight and generous timeouts keep every record written in order.
        conf.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        conf.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 120_000);
        conf.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
        conf.putAll(extra);
        return new KafkaProducer<>(conf);
    }

    /** Every value in {@code topic} now, read with {@code isolation.level} (read_committed or read_uncommitted). */
    public static java.util.List<String> readAll(String topic, String isolation) {
        Map<String, Object> conf = new HashMap<>();
        conf.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        conf.put(org.apache.kafka.clients.consumer.ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.StringDeserializer.class);
        conf.put(org.apache.kafka.clients.consumer.ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.StringDeserializer.class);
        conf.put(org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        Map<TopicPartition, Long> end = endOffsets(topic);
        java.util.List<String> values = new java.util.ArrayList<>();
        try (org.apache.kafka.clients.consumer.KafkaConsumer<String, String> c =
                     new org.apache.kafka.clients.consumer.KafkaConsumer<>(conf)) {
            c.assign(end.keySet());
            c.seekToBeginning(end.keySet());
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (end.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())
                    && System.nanoTime() < deadline) {
                c.poll(java.time.Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }

    /** The log end offset of each partition of {@code topic}. */
    public static Map<TopicPartition, Long> endOffsets(String topic) {
        return get(() -> {
            List<TopicPartition> tps = admin().describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, OffsetSpec> req = new HashMap<>();
            tps.forEach(tp -> req.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, Long> out = new HashMap<>();
            admin().listOffsets(req).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        });
    }

    /** The offsets {@code group} committed for {@code topic}. */
    public static Map<TopicPartition, Long> committed(String group, String topic) {
        return get(() -> {
            Map<TopicPartition, Long> out = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> all =
                    admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            all.forEach((tp, o) -> {
                if (tp.topic().equals(topic) && o != null) {
                    out.put(tp, o.offset());
                }
            });
            return out;
        });
    }

    interface Call<T> {
        T call() throws InterruptedException, ExecutionException;
    }

    interface VoidCall {
        void call() throws InterruptedException, ExecutionException;
    }

    static void get(VoidCall c) {
        get(() -> {
            c.call();
            return null;
        });
    }

    static <T> T get(Call<T> c) {
        try {
            return c.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at exit
        }
    }
}
