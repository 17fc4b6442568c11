package io.squall.trident.state;

import java.util.Arrays;
import java.util.List;

/** Stores a transactional map state's value as the JSON array {@code [txid, value]}. */
@SuppressWarnings("rawtypes") // Storm's signature: a Serializer<TransactionalValue> of a user's Options<TransactionalValue> takes it.
public class JSONTransactionalSerializer implements Serializer<TransactionalValue> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] serialize(TransactionalValue obj) {
        return JsonValues.write(Arrays.asList(obj.getTxid(), obj.getVal()), obj);
    }

    @Override
    public TransactionalValue deserialize(byte[] b) {
        List<?> a = JsonValues.read(b, 2, "[txid, value]");
        return new TransactionalValue<>(JsonValues.txid(a.get(0)), a.get(1));
    }
}
