package io.squall.flux.model;

import java.util.Objects;

/** A {@code ref: "id"} argument: the component of that id, built earlier in the file. */
public final class BeanReference {
    private final String id;

    /** A reference to the component {@code id}. */
    public BeanReference(String id) {
        this.id = Objects.requireNonNull(id, "id");
    }

    /** The id of the component referred to. */
    public String getId() {
        return id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BeanReference r && r.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "ref:" + id;
    }
}
