package io.squall.testing;

import java.io.Serializable;
import java.util.Objects;

/** A value of two ints for serialization tests; {@link TestKryoDecorator} registers it with Kryo. */
public class TestSerObject implements Serializable {
    private static final long serialVersionUID = 1L;

    public int f1;
    public int f2;

    public TestSerObject(int f1, int f2) {
        this.f1 = f1;
        this.f2 = f2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TestSerObject other && f1 == other.f1 && f2 == other.f2;
    }

    @Override
    public int hashCode() {
        return Objects.hash(f1, f2);
    }

    @Override
    public String toString() {
        return "TestSerObject(" + f1 + ", " + f2 + ")";
    }
}
