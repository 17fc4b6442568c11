package io.squall.multilang;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a serializer of one's own (an ISerializer) uses to fill the messages it reads, as in Storm. */
class ShellMsgTest {
    @Test
    void aSerializerFillsAnEmitValueByValueAndReplacesItsAnchors() {
        ShellMsg m = new ShellMsg();
        m.addAnchor("1");
        m.setAnchors(List.of("7", "8"));
        m.addTuple("cow");
        m.addTuple(2);
        assertEquals(List.of("7", "8"), m.getAnchors());
        assertEquals(List.of("cow", 2), m.getTuple());
        m.setAnchors(null);
        assertTrue(m.getAnchors().isEmpty());
    }

    @Test
    void aLogLevelMayBeSetByItsNumberInTheProtocol() {
        ShellMsg m = new ShellMsg();
        m.setLogLevel(3);
        assertEquals(ShellMsg.ShellLogLevel.WARN, m.getLogLevel());
        m.setLogLevel(0);
        assertEquals(ShellMsg.ShellLogLevel.TRACE, m.getLogLevel());
    }
}
