package io.squall.trident.state;

import java.util.Arrays;
import java.util.List;

/** Stores an opaque map state's value as the JSON array {@code [current txid, current value, previous value]}. */
@SuppressWarnings("rawtypes") // Storm's signature: a Serializer<OpaqueValue> of a user's Options<OpaqueValue> takes it.
public class JSONOpaqueSerializer implements Serializer<OpaqueValue> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] serialize(OpaqueValue obj) {
        return JsonValues.write(Arrays.asList(obj.getCurrTxid(), obj.getCurr(), obj.getPrev()), obj);
    }

    @Override
    public OpaqueValue deserialize(byte[] b) {
        List<?> a = JsonValues.read(b, 3, "[current txid, current value, previous value]");
        return new OpaqueValue<>(JsonValues.txid(a.get(0)), a.get(1), a.get(2));
    }
}
