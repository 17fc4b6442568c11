package io.squall.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers.ObjectArraySerializer;

import java.util.Collection;

/**
 * Kryo's serializers for collections and object arrays, with the same wire format, that check the size a
 * value declares against the bytes left ({@link BoundedInput#checkFits}) before sizing anything by it.
 * Kryo's own ones allocate room for the declared size first.
 */
public final class BoundedSerializers {
    private BoundedSerializers() {
    }

    /** A {@link CollectionSerializer} that checks the declared size before creating the collection. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static final class Collections extends CollectionSerializer<Collection> {
        @Override
        protected Collection create(Kryo kryo, Input input, Class<? extends Collection> type, int size) {
            BoundedInput.checkFits(input, size, 1, "A " + type.getSimpleName());
            return super.create(kryo, input, type, size);
        }
    }

    /** An {@link ObjectArraySerializer} that checks the declared length before creating the array. */
    public static final class ObjectArrays extends ObjectArraySerializer {
        public ObjectArrays(Kryo kryo, Class<?> type) {
            super(kryo, type);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Object[] read(Kryo kryo, Input input, Class type) {
            if (input.getInputStream() == null) {
                int start = input.position();
                int length = input.readVarInt(true);
                input.setPosition(start);
                if (length > 1) {
                    BoundedInput.checkFits(input, length - 1L, 1, "A " + type.getSimpleName());
                }
            }
            return super.read(kryo, input, type);
        }
    }
}
