package io.squall.kafka.spout.trident;

import io.squall.trident.state.JavaSerialization;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class KafkaTridentSpoutTopicPartitionTest {
    @Test
    void idNamesTopicAndPartition() {
        KafkaTridentSpoutTopicPartition p = new KafkaTridentSpoutTopicPartition(new TopicPartition("clicks", 3));
        assertEquals("clicks@3", p.getId());
        assertEquals(new TopicPartition("clicks", 3), p.getTopicPartition());
        assertNotEquals(new KafkaTridentSpoutTopicPartition("clicks", 4), p);
    }

    @Test
    void coordinatorListSurvivesSerializationEqual() {
        // The spout tasks compare each batch's partition list with the last one to decide whether to refresh.
        List<KafkaTridentSpoutTopicPartition> all = new ArrayList<>(List.of(
                new KafkaTridentSpoutTopicPartition("a", 0), new KafkaTridentSpoutTopicPartition("a", 1)));
        Object back = JavaSerialization.read(JavaSerialization.write(all), getClass().getClassLoader());
        assertEquals(all, back);
        assertEquals(all.hashCode(), back.hashCode());
    }
}
