package io.squall.testing;

import io.squall.utils.Utils;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/** A tuple's stream and values, as {@link Testing}-style helpers mock and capture them. */
public class FixedTuple implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The stream id. */
    public String stream;
    /** The values. */
    public List<Object> values;

    /** A tuple on the default stream. */
    public FixedTuple(List<Object> values) {
        this(Utils.DEFAULT_STREAM_ID, values);
    }

    /** A tuple on {@code stream}. */
    public FixedTuple(String stream, List<Object> values) {
        this.stream = stream;
        this.values = values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FixedTuple t && Objects.equals(stream, t.stream) && Objects.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stream, values);
    }

    @Override
    public String toString() {
        return stream + ":<" + values + ">";
    }
}
