package io.squall.kafka.bolt;

import com.codahale.metrics.Counter;
import io.squall.kafka.bolt.mapper.FieldNameBasedTupleToKafkaMapper;
import io.squall.kafka.bolt.mapper.TupleToKafkaMapper;
import io.squall.kafka.bolt.selector.DefaultTopicSelector;
import io.squall.kafka.bolt.selector.KafkaTopicSelector;
import io.squall.runtime.api.TimedBolt;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseTickTupleAwareRichBolt;
import io.squall.tuple.Tuple;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;

/**
 * Writes tuples to Kafka, as Storm's storm-kafka-client {@code KafkaBolt} does: the topic from a
 * {@link KafkaTopicSelector}, the key and value from a {@link TupleToKafkaMapper} (by default the fields "key" and
 * "message"), through a {@code KafkaProducer} made from {@link #withProducerProperties}.
 *
 * <p>By default a tuple is acked once Kafka has acknowledged its record (as the producer's {@code acks} setting
 * says) and failed if the send fails, so the spout replays it. {@link #setFireAndForget(boolean)} acks at once
 * after handing the record to the producer; {@link #setAsync(boolean) setAsync(false)} waits for each send.
 * Sends complete on the producer's I/O thread; their outcome is handed to the bolt's executor thread, which alone
 * acks and fails, after each tuple and whenever the executor gives the bolt time. A {@link PreparableCallback} given
 * to {@link #withProducerCallback} is prepared with the bolt and told of every send's outcome.
 *
 * <p>Without a topic selector the bolt writes to the topic the topology's configuration names under {@link #TOPIC};
 * with neither, it reports the mistake and fails every tuple.
 *
 * @param <K> the record key type
 * @param <V> the record value type
 */
public class KafkaBolt<K, V> extends BaseTickTupleAwareRichBolt implements TimedBolt {
    /** The topology configuration key naming the topic when the bolt is given no topic selector. */
    public static final String TOPIC = "topic";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(KafkaBolt.class);
    private static final long RETRY_PRODUCER_MS = 5_000;

    private Properties producerProperties = new Properties();
    private TupleToKafkaMapper<K, V> mapper;
    private KafkaTopicSelector topicSelector;
    private PreparableCallback providedCallback;
    private boolean fireAndForget;
    private boolean async = true;

    private transient OutputCollector collector;
    private transient String name;
    private transient Producer<K, V> producer;
    private transient long nextProducerAttemptMs;
    private transient Queue<Outcome> outcomes;
    private transient Counter sent;
    private transient Counter sendFailures;
    private transient Counter skipped;

    private record Outcome(Tuple tuple, Exception error) { }

    /** A bolt to configure with the {@code with...} methods. */
    public KafkaBolt() {
    }

    /** The producer's properties (bootstrap.servers, key.serializer, value.serializer, acks, ...). */
    public KafkaBolt<K, V> withProducerProperties(Properties producerProperties) {
        this.producerProperties = producerProperties;
        return this;
    }

    public KafkaBolt<K, V> withTupleToKafkaMapper(TupleToKafkaMapper<K, V> mapper) {
        this.mapper = mapper;
        return this;
    }

    public KafkaBolt<K, V> withTopicSelector(KafkaTopicSelector selector) {
        this.topicSelector = selector;
        return this;
    }

    /** Writes every tuple to {@code topic}. */
    public KafkaBolt<K, V> withTopicSelector(String topic) {
        return withTopicSelector(new DefaultTopicSelector(topic));
    }

    /**
     * A callback prepared with the bolt and told of every send's outcome, on the producer's I/O thread, in every
     * mode (asynchronous, synchronous, fire-and-forget).
     */
    public KafkaBolt<K, V> withProducerCallback(PreparableCallback callback) {
        this.providedCallback = callback;
        return this;
    }

    /** Whether to ack each tuple as soon as its record is handed to the producer, without waiting for Kafka. */
    public void setFireAndForget(boolean fireAndForget) {
        this.fireAndForget = fireAndForget;
    }

    /** Whether sends are asynchronous (the default) or each waits for Kafka's answer. */
    public void setAsync(boolean async) {
        this.async = async;
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
        this.name = "KafkaBolt '" + context.getThisComponentId() + "' (task " + context.getThisTaskId() + ")";
        if (mapper == null) {
            mapper = new FieldNameBasedTupleToKafkaMapper<>();
        }
        if (topicSelector == null && topoConf.get(TOPIC) instanceof String topic) {
            topicSelector = new DefaultTopicSelector(topic);
        }
        if (topicSelector == null) {
            String msg = name + " has no topic: call withTopicSelector before adding it to the topology, or set \""
                    + TOPIC + "\" in the topology's configuration; it fails every tuple until then";
            LOG.warn(msg);
            collector.reportError(new IllegalStateException(msg));
        }
        if (providedCallback != null) {
            providedCallback.prepare(topoConf, context);
        }
        this.outcomes = new ConcurrentLinkedQueue<>();
        this.sent = context.registerCounter("kafka.sent");
        this.sendFailures = context.registerCounter("kafka.sendFailures");
        this.skipped = context.registerCounter("kafka.skippedNoTopic");
        createProducer();
    }

    private void createProducer() {
        nextProducerAttemptMs = System.currentTimeMillis() + RETRY_PRODUCER_MS;
        try {
            producer = mkProducer(producerProperties);
        } catch (KafkaException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String msg = name + " cannot create its Kafka producer: " + cause + ". Check the properties given to "
                    + "withProducerProperties (bootstrap.servers, key.serializer, value.serializer); its tuples "
                    + "fail until it can (it tries again every " + RETRY_PRODUCER_MS / 1000 + " s)";
            LOG.warn(msg);
            collector.reportError(new IllegalStateException(msg, e));
        }
    }

    /**
     * Makes the bolt's producer from the properties given to {@link #withProducerProperties}; a subclass may
     * override it, in tests say. Called on the executor thread by {@code prepare}, and again while it fails.
     */
    @SuppressWarnings("unchecked")
    protected Producer<K, V> mkProducer(Properties props) {
        return new KafkaProducer<>((Map<String, Object>) (Map<?, ?>) new HashMap<>(props));
    }

    @Override
    protected void onTickTuple(Tuple tick) {
        drainOutcomes();
    }

    @Override
    protected void process(Tuple input) {
        drainOutcomes();
        if (topicSelector == null) {
            collector.fail(input);
            return;
        }
        if (producer == null) {
            if (System.currentTimeMillis() >= nextProducerAttemptMs) {
                createProducer();
            }
            if (producer == null) {
                collector.fail(input);
                return;
            }
        }
        try {
            String topic = topicSelector.getTopic(input);
            if (topic == null) {
                skipped.inc();
                LOG.warn("{} skips a tuple: its topic selector gave no topic (counted in kafka.skippedNoTopic)", name);
                collector.ack(input);
                return;
            }
            ProducerRecord<K, V> record = new ProducerRecord<>(topic, mapper.getKeyFromTuple(input),
                    mapper.getMessageFromTuple(input));
            if (!async) {
                producer.send(record, providedCallback).get();
                sent.inc();
                collector.ack(input);
            } else if (fireAndForget) {
                producer.send(record, providedCallback);
                sent.inc();
                collector.ack(input);
            } else {
                producer.send(record, (metadata, error) -> {
                    outcomes.add(new Outcome(input, error));
                    if (providedCallback != null) {
                        providedCallback.onCompletion(metadata, error);
                    }
                });
            }
        } catch (ExecutionException e) {
            failed(input, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            collector.fail(input);
        } catch (RuntimeException e) {
            failed(input, e);
        }
    }

    private void failed(Tuple input, Throwable error) {
        sendFailures.inc();
        collector.reportError(error);
        collector.fail(input);
    }

    private void drainOutcomes() {
        Outcome o;
        while ((o = outcomes.poll()) != null) {
            if (o.error() == null) {
                sent.inc();
                collector.ack(o.tuple());
            } else {
                failed(o.tuple(), o.error());
            }
        }
    }

    @Override
    public void onTime(long nowMillis) {
        if (outcomes != null) {
            drainOutcomes();
        }
    }

    @Override
    public void cleanup() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
            drainOutcomes();
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
    }

    @Override
    public String toString() {
        return "KafkaBolt{mapper=" + mapper + ", topicSelector=" + topicSelector + ", fireAndForget=" + fireAndForget
                + ", async=" + async + "}";
    }
}
