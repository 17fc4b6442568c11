package io.squall.kafka.spout.internal;

import io.squall.kafka.spout.TopicPartitionComparator;
import io.squall.kafka.spout.subscription.NamedTopicFilter;
import io.squall.kafka.spout.subscription.TopicFilter;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lists a spout's partitions through its {@link TopicFilter}, sorted the same way on every task so that the tasks'
 * {@code ManualPartitioner} agree without talking to each other, and finds the named topics that do not exist (a
 * {@link NamedTopicFilter} passes nothing for them, which alone would look like an idle topic).
 */
public final class PartitionLister {
    private final TopicFilter filter;

    /** Lists what {@code filter} passes. */
    public PartitionLister(TopicFilter filter) {
        this.filter = filter;
    }

    /** What a listing found: the partitions, sorted, and the named topics that do not exist. */
    public record Listing(List<TopicPartition> partitions, List<String> missingTopics) { }

    /**
     * Lists the partitions now. The consumer's {@code default.api.timeout.ms} bounds how long the built-in filters
     * wait for the brokers.
     *
     * @throws org.apache.kafka.common.errors.TimeoutException if the brokers do not answer in time
     * @throws RuntimeException whatever the filter throws
     */
    public Listing list(Consumer<?, ?> consumer) {
        Set<TopicPartition> passed = filter.getAllSubscribedPartitions(consumer);
        if (passed == null) {
            throw new IllegalStateException("topic filter " + filter.getClass().getName()
                    + " returned null instead of a set of partitions");
        }
        List<TopicPartition> all = new ArrayList<>(passed);
        all.sort(TopicPartitionComparator.INSTANCE);
        List<String> missing = new ArrayList<>();
        if (filter instanceof NamedTopicFilter named) {
            Set<String> found = new HashSet<>();
            all.forEach(tp -> found.add(tp.topic()));
            for (String topic : named.getTopics()) {
                if (!found.contains(topic)) {
                    missing.add(topic);
                }
            }
        }
        return new Listing(all, missing);
    }
}
