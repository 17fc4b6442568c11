package io.squall.kafka.trident;

import io.squall.kafka.trident.mapper.TridentTupleToKafkaMapper;
import io.squall.kafka.trident.selector.KafkaTopicSelector;
import io.squall.task.IMetricsContext;
import io.squall.trident.state.State;
import io.squall.trident.state.StateFactory;
import io.squall.trident.state.StateType;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.Map;
import java.util.Properties;

/**
 * Makes a {@link TridentKafkaState} per partition of a {@code partitionPersist}. Without a {@code transactional.id}
 * in the producer properties each batch is simply sent (at least once). With one, the state is exactly-once: each
 * partition writes through its own transactional producer ({@code transactional.id} plus the partition number), one
 * Kafka transaction per Trident txid, and skips a txid it already committed; consumers reading with
 * {@code isolation.level=read_committed} see every result once.
 */
public class TridentKafkaStateFactory<K, V> implements StateFactory {
    private static final long serialVersionUID = 1L;

    private TridentTupleToKafkaMapper<K, V> mapper;
    private KafkaTopicSelector topicSelector;
    private Properties producerProperties = new Properties();

    public TridentKafkaStateFactory<K, V> withTridentTupleToKafkaMapper(TridentTupleToKafkaMapper<K, V> mapper) {
        this.mapper = mapper;
        return this;
    }

    public TridentKafkaStateFactory<K, V> withKafkaTopicSelector(KafkaTopicSelector selector) {
        this.topicSelector = selector;
        return this;
    }

    /** The producer's properties; a {@code transactional.id} makes the state exactly-once. */
    public TridentKafkaStateFactory<K, V> withProducerProperties(Properties props) {
        this.producerProperties = props;
        return this;
    }

    @Override
    public State makeState(Map<String, Object> conf, IMetricsContext metrics, int partitionIndex, int numPartitions) {
        if (mapper == null || topicSelector == null) {
            throw new IllegalStateException("TridentKafkaStateFactory needs withTridentTupleToKafkaMapper(...) and "
                    + "withKafkaTopicSelector(...)");
        }
        TridentKafkaState<K, V> state = new TridentKafkaState<K, V>()
                .withTridentTupleToKafkaMapper(mapper)
                .withKafkaTopicSelector(topicSelector);
        state.prepare(producerProperties, partitionIndex);
        return state;
    }

    @Override
    public StateType getStateType() {
        return producerProperties.containsKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG)
                ? StateType.TRANSACTIONAL : StateType.NON_TRANSACTIONAL;
    }
}
