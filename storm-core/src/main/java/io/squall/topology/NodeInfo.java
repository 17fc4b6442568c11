package io.squall.topology;

import java.io.Serializable;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a worker runs, with Storm's getters: the supervisor (Storm's node id) and the worker's port on it.
 * {@code WorkerTopologyContext.getTaskToNodePort()} maps each task to the {@code NodeInfo} of the worker running it,
 * and {@code getNodeToHost()} each node to its host name. A value: two with the same node and ports are equal, and
 * the ports cannot be changed after it is made.
 */
public class NodeInfo implements Serializable, Comparable<NodeInfo> {
    private static final long serialVersionUID = 1L;
    /** By node, then by how many ports, then by the ports in ascending order. */
    private static final Comparator<NodeInfo> ORDER = Comparator.comparing(NodeInfo::get_node,
            Comparator.nullsFirst(Comparator.<String>naturalOrder())).thenComparing(NodeInfo::comparePorts);

    private final String node;
    private final Set<Long> port;

    /** The worker on supervisor {@code node}'s {@code port}; Storm's set holds the one port of that worker. */
    public NodeInfo(String node, Set<Long> port) {
        this.node = node;
        this.port = port == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(port));
    }

    /** A copy of {@code other}, as Storm's copy constructor. */
    public NodeInfo(NodeInfo other) {
        this(other.node, other.port);
    }

    /** The supervisor's id: Storm's node. */
    public String get_node() {
        return node;
    }

    /** Whether the node is known. */
    public boolean is_set_node() {
        return node != null;
    }

    /** The worker's ports on the node (one, for a worker); read-only. */
    public Set<Long> get_port() {
        return port;
    }

    /** How many ports {@link #get_port()} holds. */
    public int get_port_size() {
        return port.size();
    }

    /** The ports, in ascending order. */
    public Iterator<Long> get_port_iterator() {
        return port.iterator();
    }

    /** Whether any port is known. */
    public boolean is_set_port() {
        return !port.isEmpty();
    }

    /** A copy; the value cannot change, so this is only for code written against Storm's Thrift class. */
    public NodeInfo deepCopy() {
        return new NodeInfo(this);
    }

    @Override
    public int compareTo(NodeInfo other) {
        return ORDER.compare(this, other);
    }

    private static int comparePorts(NodeInfo a, NodeInfo b) {
        int bySize = Integer.compare(a.port.size(), b.port.size());
        if (bySize != 0) {
            return bySize;
        }
        Iterator<Long> i = a.port.iterator();
        Iterator<Long> j = b.port.iterator();
        while (i.hasNext()) {
            int c = Long.compare(i.next(), j.next());
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeInfo n && Objects.equals(n.node, node) && n.port.equals(port);
    }

    @Override
    public int hashCode() {
        return Objects.hash(node, port);
    }

    @Override
    public String toString() {
        return "NodeInfo(node:" + node + ", port:" + port + ")";
    }
}
