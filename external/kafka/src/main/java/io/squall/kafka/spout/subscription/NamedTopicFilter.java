package io.squall.kafka.spout.subscription;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Passes every partition of the topics it names. A named topic that does not exist passes nothing; the spout
 * reports it and reads it once it is created.
 */
public class NamedTopicFilter implements TopicFilter {
    private static final long serialVersionUID = 1L;

    private final Set<String> topics;

    /** Passes the partitions of {@code topics}. */
    public NamedTopicFilter(Set<String> topics) {
        if (topics == null) {
            throw new IllegalArgumentException("NamedTopicFilter needs a set of topic names, got null");
        }
        this.topics = Collections.unmodifiableSet(new LinkedHashSet<>(topics));
    }

    /** Passes the partitions of {@code topics}. */
    public NamedTopicFilter(String... topics) {
        this(new LinkedHashSet<>(List.of(topics)));
    }

    @Override
    public Set<TopicPartition> getAllSubscribedPartitions(Consumer<?, ?> consumer) {
        // listTopics asks the brokers every time; partitionsFor may answer from metadata up to 5 minutes old and
        // miss partitions added since.
        Map<String, List<PartitionInfo>> now = consumer.listTopics();
        Set<TopicPartition> all = new LinkedHashSet<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = now.get(topic);
            if (infos != null) {
                for (PartitionInfo p : infos) {
                    all.add(new TopicPartition(p.topic(), p.partition()));
                }
            }
        }
        return all;
    }

    /** The topic names, in the order given. */
    public Set<String> getTopics() {
        return topics;
    }

    /** The topic names, comma-separated. */
    @Override
    public String getTopicsString() {
        return String.join(",", topics);
    }

    @Override
    public String toString() {
        return "NamedTopicFilter" + topics;
    }
}
