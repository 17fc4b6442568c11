package io.squall.kafka.spout;

import io.squall.tuple.Fields;
import io.squall.utils.Utils;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;

/**
 * Turns a Kafka record into the values of a tuple, and declares the streams and fields those tuples go to.
 * Called on the spout's executor thread. Return a {@link KafkaTuple} to route a tuple to a stream other than the
 * first of {@link #streams()}; return {@code null} for a record that should produce no tuple (it then counts as
 * processed unless {@link KafkaSpoutConfig.Builder#setEmitNullTuples} is on).
 *
 * @param <K> the record key type
 * @param <V> the record value type
 */
public interface RecordTranslator<K, V> extends Func<ConsumerRecord<K, V>, List<Object>> {
    /** The default stream only. */
    List<String> DEFAULT_STREAM = List.of(Utils.DEFAULT_STREAM_ID);

    /** The values of the tuple for {@code record}, or null for no tuple. */
    @Override
    List<Object> apply(ConsumerRecord<K, V> record);

    /** The fields of the tuples on {@code stream}. */
    Fields getFieldsFor(String stream);

    /** Every stream this translator emits to; the first is where tuples that are not a {@link KafkaTuple} go. */
    default List<String> streams() {
        return DEFAULT_STREAM;
    }
}
