package io.squall.topology;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeInfoTest {
    @Test
    void twoWithTheSameNodeAndPortsAreEqualWithTheSameHash() {
        NodeInfo a = new NodeInfo("sup-1", Set.of(6700L));
        NodeInfo b = new NodeInfo("sup-1", new HashSet<>(List.of(6700L)));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a, new NodeInfo(a));
        assertEquals(a, a.deepCopy());
        assertNotEquals(a, new NodeInfo("sup-1", Set.of(6701L)));
        assertNotEquals(a, new NodeInfo("sup-2", Set.of(6700L)));
        assertEquals("sup-1", a.get_node());
        assertEquals(Set.of(6700L), a.get_port());
        assertEquals(1, a.get_port_size());
        assertTrue(a.is_set_node() && a.is_set_port());
    }

    @Test
    void thePortsAreACopyThatCannotBeChanged() {
        Set<Long> ports = new HashSet<>(Set.of(6700L));
        NodeInfo n = new NodeInfo("sup-1", ports);
        ports.add(6701L);
        assertEquals(Set.of(6700L), n.get_port());
        assertThrows(UnsupportedOperationException.class, () -> n.get_port().add(1L));
        NodeInfo unknown = new NodeInfo(null, null);
        assertFalse(unknown.is_set_node() || unknown.is_set_port());
    }

    @Test
    void ordersByNodeThenByPorts() {
        TreeSet<NodeInfo> sorted = new TreeSet<>(List.of(new NodeInfo("b", Set.of(1L)),
                new NodeInfo("a", Set.of(10L)), new NodeInfo("a", Set.of(9L)), new NodeInfo("a", Set.of(1L, 2L))));
        assertEquals(List.of(new NodeInfo("a", Set.of(9L)), new NodeInfo("a", Set.of(10L)),
                new NodeInfo("a", Set.of(1L, 2L)), new NodeInfo("b", Set.of(1L))), List.copyOf(sorted));
    }
}
