package io.squall.kafka.spout.internal;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Lists the partitions of a spout's topics and deals them out to its tasks round-robin, as Storm's manual
 * partitioner does: every task sees the same sorted list and takes every n-th partition starting at its index, so
 * the tasks agree without talking to each other and a new partition goes to exactly one task.
 */
public final class PartitionLister {
    private static final Comparator<TopicPartition> ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private final List<String> topics;
    private final Pattern pattern;

    /** Lists {@code topics}, or the topics matching {@code pattern} when it is not null. */
    public PartitionLister(List<String> topics, Pattern pattern) {
        this.topics = topics;
        this.pattern = pattern;
    }

    /** What a listing found: the partitions, and the named topics that do not exist. */
    public record Listing(List<TopicPartition> partitions, List<String> missingTopics) { }

    /**
     * Lists the partitions now.
     *
     * @throws org.apache.kafka.common.errors.TimeoutException if the brokers do not answer within {@code timeout}
     */
    public Listing list(Consumer<?, ?> consumer, Duration timeout) {
        List<TopicPartition> all = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        // listTopics asks the brokers every time; partitionsFor would answer from metadata up to 5 minutes old and
        // miss partitions added since.
        Map<String, List<PartitionInfo>> topicsNow = consumer.listTopics(timeout);
        if (pattern != null) {
            for (Map.Entry<String, List<PartitionInfo>> e : topicsNow.entrySet()) {
                if (pattern.matcher(e.getKey()).matches()) {
                    add(all, e.getValue());
                }
            }
        } else {
            for (String topic : topics) {
                List<PartitionInfo> infos = topicsNow.get(topic);
                if (infos == null || infos.isEmpty()) {
                    missing.add(topic);
                } else {
                    add(all, infos);
                }
            }
        }
        all.sort(ORDER);
        return new Listing(all, missing);
    }

    private static void add(List<TopicPartition> to, List<PartitionInfo> infos) {
        for (PartitionInfo p : infos) {
            to.add(new TopicPartition(p.topic(), p.partition()));
        }
    }

    /** The partitions of task {@code taskIndex} of {@code taskCount}, from a sorted list of all of them. */
    public static List<TopicPartition> share(List<TopicPartition> sorted, int taskIndex, int taskCount) {
        List<TopicPartition> mine = new ArrayList<>();
        for (int i = taskIndex; i < sorted.size(); i += taskCount) {
            mine.add(sorted.get(i));
        }
        return mine;
    }
}
