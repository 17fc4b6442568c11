package io.squall.trident.state;

import java.util.Collections;

/** Stores a non-transactional map state's value as the JSON array {@code [value]}. */
public class JSONNonTransactionalSerializer implements Serializer<Object> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] serialize(Object obj) {
        return JsonValues.write(Collections.singletonList(obj), obj);
    }

    @Override
    public Object deserialize(byte[] b) {
        return JsonValues.read(b, 1, "[value]").get(0);
    }
}
