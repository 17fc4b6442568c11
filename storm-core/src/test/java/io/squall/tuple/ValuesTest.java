package io.squall.tuple;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ValuesTest {
    @Test
    void aSingleNullIsOneNullValueAsInStorm() {
        Values one = new Values((Object[]) null);
        assertEquals(Arrays.asList((Object) null), one);
        assertEquals(Arrays.asList(null, "x"), new Values(null, "x"));
        assertEquals(0, new Values().size());
        assertEquals(Arrays.asList("a", 1), new Values("a", 1));
    }
}
