package io.squall.kafka.trident;

import io.squall.kafka.trident.mapper.TridentTupleToKafkaMapper;
import io.squall.kafka.trident.selector.KafkaTopicSelector;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.state.State;
import io.squall.trident.tuple.TridentTuple;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Writes a Trident stream's batches to Kafka (see {@link TridentKafkaStateFactory}).
 *
 * <p>Exactly-once mode (a {@code transactional.id} in the producer properties): a batch's records go into one Kafka
 * transaction that also commits, for the consumer group {@code <transactional.id>-<partition>}, the batch's txid as
 * an offset on partition 0 of the batch's first topic, so the txid becomes visible atomically with the records.
 * When a txid at or below the last committed one comes again (Trident replays a batch whose commit it did not
 * record), the state skips it. A transaction left open by a failed attempt is aborted before the next attempt, and
 * one left by a crashed worker is aborted when the next producer with the same id starts. Task thread only.
 */
public class TridentKafkaState<K, V> implements State, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TridentKafkaState.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TridentTupleToKafkaMapper<K, V> mapper;
    private KafkaTopicSelector topicSelector;
    private KafkaProducer<K, V> producer;
    private String txidGroup;
    private long lastCommittedTxid = -1;
    private long currentTxid = -1;
    private boolean inTransaction;
    private TopicPartition txidPartition;

    public TridentKafkaState<K, V> withTridentTupleToKafkaMapper(TridentTupleToKafkaMapper<K, V> mapper) {
        this.mapper = mapper;
        return this;
    }

    public TridentKafkaState<K, V> withKafkaTopicSelector(KafkaTopicSelector selector) {
        this.topicSelector = selector;
        return this;
    }

    /** Creates the producer; in exactly-once mode also fences older producers and reads the last committed txid. */
    public void prepare(Properties options, int partitionIndex) {
        Properties props = new Properties();
        props.putAll(options);
        String txPrefix = props.getProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        if (txPrefix != null) {
            String id = txPrefix + "-" + partitionIndex;
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            txidGroup = id;
        }
        producer = new KafkaProducer<>(props);
        if (txidGroup != null) {
            producer.initTransactions();
            lastCommittedTxid = readLastTxid(props);
            LOG.info("Trident Kafka state {} resumes after txid {}", txidGroup, lastCommittedTxid);
        }
    }

    private long readLastTxid(Properties props) {
        Map<String, Object> conf = new HashMap<>();
        props.forEach((k, v) -> {
            String key = (String) k;
            if (!key.contains("serializer") && !key.startsWith("transaction") && !key.equals("acks")
                    && !key.startsWith("enable.idempotence") && !key.startsWith("linger") && !key.startsWith("batch")) {
                conf.put(key, v);
            }
        });
        try (Admin admin = Admin.create(conf)) {
            long max = -1;
            for (OffsetAndMetadata o : admin.listConsumerGroupOffsets(txidGroup).partitionsToOffsetAndMetadata()
                    .get().values()) {
                if (o != null) {
                    max = Math.max(max, o.offset());
                }
            }
            return max;
        } catch (ExecutionException e) {
            throw new KafkaException("Trident Kafka state " + txidGroup + " cannot read its last committed txid: "
                    + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while reading the last committed txid of " + txidGroup, e);
        }
    }

    /** The txid of the batch being written, or -1 before the first. */
    public long currentTxid() {
        return currentTxid;
    }

    @Override
    public void beginCommit(Long txid) {
        if (inTransaction) {
            // A previous attempt failed half-way: its records must never become visible.
            producer.abortTransaction();
            inTransaction = false;
        }
        currentTxid = txid;
    }

    /** Sends the batch's tuples (in exactly-once mode inside the txid's transaction, unless it was committed). */
    public void updateState(List<TridentTuple> tuples, TridentCollector collector) {
        if (txidGroup != null && currentTxid <= lastCommittedTxid) {
            LOG.info("Trident Kafka state {} skips txid {}: committed already", txidGroup, currentTxid);
            return;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(tuples.size());
        for (TridentTuple tuple : tuples) {
            String topic = topicSelector.getTopic(tuple);
            if (topic == null) {
                LOG.warn("Trident Kafka state skips a tuple: its topic selector gave no topic");
                continue;
            }
            if (txidGroup != null && !inTransaction) {
                producer.beginTransaction();
                inTransaction = true;
                if (txidPartition == null) {
                    txidPartition = new TopicPartition(topic, 0);
                }
            }
            sends.add(producer.send(new ProducerRecord<>(topic, mapper.getKeyFromTuple(tuple),
                    mapper.getMessageFromTuple(tuple))));
        }
        if (txidGroup == null) {
            waitFor(sends);
        }
    }

    private static void waitFor(List<Future<RecordMetadata>> sends) {
        try {
            for (Future<RecordMetadata> f : sends) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new KafkaException("A Trident batch could not be written to Kafka (the batch is retried): "
                    + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while writing a Trident batch to Kafka", e);
        }
    }

    @Override
    public void commit(Long txid) {
        if (!inTransaction) {
            return;
        }
        producer.sendOffsetsToTransaction(Map.of(txidPartition, new OffsetAndMetadata(txid, "trident txid")),
                new ConsumerGroupMetadata(txidGroup));
        producer.commitTransaction();
        inTransaction = false;
        lastCommittedTxid = txid;
    }

    /** Closes the producer; an open transaction is aborted. */
    @Override
    public void close() {
        if (producer != null) {
            producer.close(TIMEOUT);
            producer = null;
        }
    }
}
