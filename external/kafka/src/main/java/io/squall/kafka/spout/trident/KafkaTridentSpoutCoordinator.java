package io.squall.kafka.spout.trident;

import io.squall.kafka.spout.KafkaSpoutConfig;
import io.squall.kafka.spout.internal.PartitionLister;
import io.squall.trident.spout.IOpaquePartitionedTridentSpout;
import io.squall.trident.spout.IPartitionedTridentSpout;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The batch coordinator of both Kafka Trident spouts: gives each batch the topics' partitions, sorted by topic and
 * number. The topics must exist when the topology starts; the partitions are listed again every
 * {@link KafkaSpoutConfig#getPartitionRefreshPeriodMs()}, so added partitions (and topics matching a pattern) join
 * later batches. A listing that fails or misses a named topic keeps the previous partitions and is logged. Runs in
 * the coordinator task's thread.
 */
public final class KafkaTridentSpoutCoordinator<K, V>
        implements IOpaquePartitionedTridentSpout.Coordinator<List<KafkaTridentSpoutTopicPartition>>,
        IPartitionedTridentSpout.Coordinator<List<KafkaTridentSpoutTopicPartition>> {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaTridentSpoutCoordinator.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaSpoutConfig<K, V> config;
    private final KafkaConsumer<K, V> consumer;
    private final PartitionLister lister;
    private List<KafkaTridentSpoutTopicPartition> partitions;
    private long listedAt;

    /**
     * Lists the partitions once.
     *
     * @throws IllegalStateException if a named topic does not exist
     */
    public KafkaTridentSpoutCoordinator(KafkaSpoutConfig<K, V> config) {
        this.config = config;
        Map<String, Object> props = new HashMap<>(config.getKafkaProps());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Bounds the topic filter's look-ups, which take no timeout of their own.
        props.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        this.consumer = new KafkaConsumer<>(props);
        this.lister = new PartitionLister(config.getTopicFilter());
        try {
            PartitionLister.Listing first = lister.list(consumer);
            if (!first.missingTopics().isEmpty()) {
                throw new IllegalStateException("Kafka Trident spout: topic(s) " + first.missingTopics()
                        + " do not exist at " + config.getBootstrapServers()
                        + ": create them before submitting the topology");
            }
            partitions = wrap(first);
        } catch (RuntimeException e) {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            throw e;
        }
        listedAt = System.nanoTime();
    }

    private static List<KafkaTridentSpoutTopicPartition> wrap(PartitionLister.Listing listing) {
        List<KafkaTridentSpoutTopicPartition> all = new ArrayList<>();
        listing.partitions().forEach(tp -> all.add(new KafkaTridentSpoutTopicPartition(tp)));
        return all;
    }

    @Override
    public List<KafkaTridentSpoutTopicPartition> getPartitionsForBatch() {
        long now = System.nanoTime();
        if (now - listedAt >= Duration.ofMillis(config.getPartitionRefreshPeriodMs()).toNanos()) {
            listedAt = now;
            try {
                PartitionLister.Listing listing = lister.list(consumer);
                if (listing.missingTopics().isEmpty()) {
                    partitions = wrap(listing);
                } else {
                    LOG.warn("Kafka Trident spout: topic(s) {} no longer exist at {}; keeping the partitions {}",
                            listing.missingTopics(), config.getBootstrapServers(), partitions);
                }
            } catch (RuntimeException e) {
                // A broker that does not answer, or a user's topic filter that throws: tried again next refresh.
                LOG.warn("Kafka Trident spout could not list the partitions of {}; keeping {}",
                        config.getTopicsDescription(), partitions, e);
            }
        }
        return new ArrayList<>(partitions);
    }

    @Override
    public boolean isReady(long txid) {
        return true;
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
