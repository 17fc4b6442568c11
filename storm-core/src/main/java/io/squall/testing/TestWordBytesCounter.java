package io.squall.testing;

import io.squall.tuple.Tuple;

import java.nio.charset.StandardCharsets;

/** {@link TestWordCounter} for words that come as UTF-8 bytes. */
public class TestWordBytesCounter extends TestWordCounter {
    private static final long serialVersionUID = 1L;

    @Override
    protected String getTupleValue(Tuple t, int idx) {
        return new String(t.getBinary(idx), StandardCharsets.UTF_8);
    }
}
