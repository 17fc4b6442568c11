package io.squall.spout;

import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Storm's schemes: raw bytes, and a scheme of one tuple used where many may come. */
class SchemesTest {
    /** A line of "word count", or no tuple for an empty message. */
    static final class WordCountScheme implements Scheme {
        @Override
        public List<Object> deserialize(ByteBuffer ser) {
            String s = StandardCharsets.UTF_8.decode(ser).toString();
            if (s.isEmpty()) {
                return null;
            }
            String[] parts = s.split(" ");
            return new Values(parts[0], Long.parseLong(parts[1]));
        }

        @Override
        public Fields getOutputFields() {
            return new Fields("word", "count");
        }
    }

    private static ByteBuffer buffer(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rawSchemesGiveTheMessagesBytesInOneField() {
        ByteBuffer b = ByteBuffer.wrap(new byte[] {9, 1, 2, 3});
        b.get();
        List<Object> raw = new RawScheme().deserialize(b);
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) raw.get(0), "the remaining bytes");
        assertEquals(1, b.position(), "the buffer is left as it was");
        assertEquals(List.of("bytes"), new RawScheme().getOutputFields().toList());
        List<Object> multi = new RawMultiScheme().deserialize(b).iterator().next();
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) multi.get(0));
    }

    @Test
    void aSchemeAsAMultiSchemeGivesOneTupleOrNone() {
        SchemeAsMultiScheme multi = new SchemeAsMultiScheme(new WordCountScheme());
        assertEquals(List.of(List.of("storm", 3L)), multi.deserialize(buffer("storm 3")));
        assertNull(multi.deserialize(buffer("")));
        assertEquals(List.of("word", "count"), multi.getOutputFields().toList());
    }
}
