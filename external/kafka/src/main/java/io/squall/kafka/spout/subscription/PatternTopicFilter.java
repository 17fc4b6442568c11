package io.squall.kafka.spout.subscription;

import io.squall.kafka.spout.TopicPartitionComparator;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Passes every partition of every topic whose whole name matches a pattern, so a matching topic created while the
 * topology runs is read from the next partition refresh on.
 */
public class PatternTopicFilter implements TopicFilter {
    private static final long serialVersionUID = 1L;

    private final Pattern pattern;
    /** The topics that matched at the last listing; written and read by the spout task's thread. */
    private transient Set<String> matched;

    /** Passes the partitions of the topics whose names match {@code pattern}. */
    public PatternTopicFilter(Pattern pattern) {
        if (pattern == null) {
            throw new IllegalArgumentException("PatternTopicFilter needs a pattern, got null");
        }
        this.pattern = pattern;
    }

    @Override
    public Set<TopicPartition> getAllSubscribedPartitions(Consumer<?, ?> consumer) {
        Set<TopicPartition> all = new TreeSet<>(TopicPartitionComparator.INSTANCE);
        Set<String> topics = new TreeSet<>();
        for (Map.Entry<String, List<PartitionInfo>> e : consumer.listTopics().entrySet()) {
            if (pattern.matcher(e.getKey()).matches()) {
                topics.add(e.getKey());
                for (PartitionInfo p : e.getValue()) {
                    all.add(new TopicPartition(p.topic(), p.partition()));
                }
            }
        }
        matched = topics;
        return all;
    }

    /** The topics that matched the pattern when the partitions were last listed, comma-separated. */
    @Override
    public String getTopicsString() {
        return matched == null ? "" : String.join(",", matched);
    }

    /** The pattern's text. */
    public String getTopicsPattern() {
        return pattern.pattern();
    }

    /** The pattern. */
    public Pattern getPattern() {
        return pattern;
    }

    @Override
    public String toString() {
        return "PatternTopicFilter(" + pattern.pattern() + ")";
    }
}
