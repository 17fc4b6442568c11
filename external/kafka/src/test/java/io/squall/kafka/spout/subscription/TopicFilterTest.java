package io.squall.kafka.spout.subscription;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The built-in topic filters against Kafka's MockConsumer. */
class TopicFilterTest {
    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");

    private void topic(String name, int partitions) {
        List<PartitionInfo> infos = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            infos.add(new PartitionInfo(name, p, Node.noNode(), new Node[0], new Node[0]));
        }
        consumer.updatePartitions(name, infos);
    }

    @Test
    void aNamedFilterPassesEveryPartitionOfItsTopicsAndNothingForATopicThatDoesNotExist() {
        topic("a", 2);
        topic("b", 1);
        topic("c", 3);
        NamedTopicFilter f = new NamedTopicFilter("a", "b", "missing");
        assertEquals(Set.of(new TopicPartition("a", 0), new TopicPartition("a", 1), new TopicPartition("b", 0)),
                f.getAllSubscribedPartitions(consumer));
        assertEquals("a,b,missing", f.getTopicsString());
        assertEquals(Set.of("a", "b", "missing"), new NamedTopicFilter(Set.of("a", "b", "missing")).getTopics());
    }

    @Test
    void aPatternFilterPassesThePartitionsOfTopicsWhoseWholeNameMatchesAndNamesThem() {
        topic("clicks-eu", 2);
        topic("clicks-us", 1);
        topic("old-clicks-eu", 1);
        PatternTopicFilter f = new PatternTopicFilter(Pattern.compile("clicks-.*"));
        assertEquals("", f.getTopicsString(), "nothing matched before the first listing");
        assertEquals(Set.of(new TopicPartition("clicks-eu", 0), new TopicPartition("clicks-eu", 1),
                new TopicPartition("clicks-us", 0)), f.getAllSubscribedPartitions(consumer));
        assertEquals("clicks-eu,clicks-us", f.getTopicsString());
        assertEquals("clicks-.*", f.getTopicsPattern());
        topic("clicks-asia", 1);
        assertEquals(4, f.getAllSubscribedPartitions(consumer).size(), "a topic created later is passed");
        assertEquals("clicks-asia,clicks-eu,clicks-us", f.getTopicsString());
    }

    @Test
    void filtersTravelWithTheTopology() throws Exception {
        topic("a", 1);
        topic("ab", 1);
        for (TopicFilter f : List.of(new NamedTopicFilter("a"), new PatternTopicFilter(Pattern.compile("a.*")))) {
            TopicFilter copy = copy(f);
            assertEquals(f.getAllSubscribedPartitions(consumer), copy.getAllSubscribedPartitions(consumer));
        }
    }

    static <T> T copy(T object) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        @SuppressWarnings("unchecked")
        T copy = (T) new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
        return copy;
    }
}
