package io.squall.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.squall.Config;
import io.squall.config.InvalidConfigException;
import io.squall.testing.TestKryoDecorator;
import io.squall.testing.TestSerObject;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void serializationFactoryGivesTheTopologysKryoAndNamesAClassItCannotLoad() {
        Config conf = new Config();
        conf.setFallBackOnJavaSerialization(false);
        conf.registerDecorator(TestKryoDecorator.class);
        Kryo kryo = SerializationFactory.getKryo(conf);
        Output bytes = new Output(64, -1);
        kryo.writeClassAndObject(bytes, new TestSerObject(7, 8));
        assertEquals(new TestSerObject(7, 8), kryo.readClassAndObject(new Input(bytes.toBytes())),
                "registered by the topology's decorator, as its workers register it");

        Config missing = new Config();
        missing.put(Config.TOPOLOGY_KRYO_REGISTER, List.of("com.example.NoSuchClass"));
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> SerializationFactory.getKryo(missing));
        assertTrue(e.getMessage().contains("com.example.NoSuchClass"), e.getMessage());
    }
}
