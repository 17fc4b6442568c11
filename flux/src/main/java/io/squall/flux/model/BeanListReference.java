package io.squall.flux.model;

import java.util.List;

/**
 * A {@code reflist: ["a", "b"]} argument: the components of those ids as a {@code List}, which Flux turns into
 * an array when the parameter is one ({@code Type[]} or {@code Type...}).
 */
public final class BeanListReference {
    private final List<String> ids;

    /** A reference to the components {@code ids}, in order. */
    public BeanListReference(List<String> ids) {
        this.ids = List.copyOf(ids);
    }

    /** The ids of the components referred to. */
    public List<String> getIds() {
        return ids;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BeanListReference r && r.ids.equals(ids);
    }

    @Override
    public int hashCode() {
        return ids.hashCode();
    }

    @Override
    public String toString() {
        return "reflist:" + ids;
    }
}
