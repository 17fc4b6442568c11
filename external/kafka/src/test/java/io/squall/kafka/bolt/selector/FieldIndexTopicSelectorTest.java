package io.squall.kafka.bolt.selector;

import io.squall.tuple.Fields;
import io.squall.tuple.MessageId;
import io.squall.tuple.Tuple;
import io.squall.tuple.TupleImpl;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FieldIndexTopicSelectorTest {
    private final Tuple tuple = new TupleImpl("in", "default", new Fields("key", "topic"), 1, List.of("k", "orders"),
            MessageId.unanchored());

    @Test
    void takesTheTopicFromTheFieldAtItsIndex() {
        assertEquals("orders", new FieldIndexTopicSelector(1, "fallback").getTopic(tuple));
        assertEquals("k", new FieldIndexTopicSelector(0, "fallback").getTopic(tuple));
    }

    @Test
    void usesTheDefaultTopicWhenTheTupleHasNoFieldAtTheIndex() {
        assertEquals("fallback", new FieldIndexTopicSelector(2, "fallback").getTopic(tuple));
    }

    @Test
    void refusesANegativeIndex() {
        assertThrows(IllegalArgumentException.class, () -> new FieldIndexTopicSelector(-1, "fallback"));
    }
}
