package io.squall.serialization;

import io.squall.Config;
import io.squall.testing.TestKryoDecorator;
import io.squall.testing.TestSerObject;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Storm's Kryo values serializer: what one writes with a topology's configuration, the other reads back. */
class KryoValuesSerializerTest {
    @Test
    void valuesAndObjectsRoundTripWithTheTopologysRegistrations() {
        Config conf = new Config();
        conf.setFallBackOnJavaSerialization(false);
        conf.registerDecorator(TestKryoDecorator.class);
        KryoValuesSerializer out = new KryoValuesSerializer(conf);
        KryoValuesDeserializer in = new KryoValuesDeserializer(conf);
        List<Object> values = new Values("word", 3L, new TestSerObject(1, 2));
        assertEquals(values, in.deserialize(out.serialize(values)));
        assertEquals(List.of("a", "b"), in.deserialize(out.serialize(List.of("a", "b"))));
        assertEquals(new TestSerObject(5, 6), in.deserializeObject(out.serializeObject(new TestSerObject(5, 6))));
    }
}
