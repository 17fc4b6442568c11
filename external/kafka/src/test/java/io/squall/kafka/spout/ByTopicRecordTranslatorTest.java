package io.squall.kafka.spout;

import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each topic's records go through its own translator, to its own stream. */
class ByTopicRecordTranslatorTest {
    private static ConsumerRecord<String, String> record(String topic, String value) {
        return new ConsumerRecord<>(topic, 0, 7, "k", value);
    }

    @Test
    void eachTopicsRecordsGoToItsStreamWithItsFieldsAndOthersToTheDefaults() {
        ByTopicRecordTranslator<String, String> t = new ByTopicRecordTranslator<String, String>(
                r -> new Values(r.value()), new Fields("value"), "others")
                .forTopic("clicks", r -> new Values(r.key(), r.value()), new Fields("user", "page"), "clicks")
                .forTopic("views", r -> r.value().isEmpty() ? null : new Values(r.value()), new Fields("value"));
        assertEquals(List.of("others", "clicks", "default"), t.streams());
        assertEquals(List.of("user", "page"), t.getFieldsFor("clicks").toList());
        assertEquals(List.of("value"), t.getFieldsFor("default").toList());

        KafkaTuple click = (KafkaTuple) t.apply(record("clicks", "/home"));
        assertEquals(List.of("k", "/home"), click);
        assertEquals("clicks", click.getStream());
        assertEquals("default", ((KafkaTuple) t.apply(record("views", "v"))).getStream());
        assertNull(t.apply(record("views", "")), "a translator's null is no tuple");
        KafkaTuple other = (KafkaTuple) t.apply(record("logs", "line"));
        assertEquals(List.of("line"), other);
        assertEquals("others", other.getStream());
    }

    @Test
    void aTopicGetsOneTranslatorAndAStreamOneSetOfFields() {
        ByTopicRecordTranslator<String, String> t = new ByTopicRecordTranslator<>(r -> new Values(r.value()),
                new Fields("value"));
        t.forTopic("a", r -> new Values(r.value()), new Fields("value"), "a");
        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> t.forTopic("a", r -> new Values(r.value()), new Fields("value")));
        assertTrue(twice.getMessage().contains("'a'"), twice.getMessage());
        IllegalStateException clash = assertThrows(IllegalStateException.class,
                () -> t.forTopic("b", r -> new Values(r.key(), r.value()), new Fields("k", "v")));
        assertTrue(clash.getMessage().contains("stream 'default'") && clash.getMessage().contains("topic 'b'"),
                clash.getMessage());
        assertEquals(List.of("default", "a"), t.streams(), "the refused translators changed nothing");
    }
}
