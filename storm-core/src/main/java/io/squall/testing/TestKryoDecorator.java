package io.squall.testing;

import com.esotericsoftware.kryo.Kryo;
import io.squall.serialization.IKryoDecorator;

/** Registers {@link TestSerObject} with Kryo's default serializer. */
public class TestKryoDecorator implements IKryoDecorator {
    @Override
    public void decorate(Kryo k) {
        k.register(TestSerObject.class);
    }
}
