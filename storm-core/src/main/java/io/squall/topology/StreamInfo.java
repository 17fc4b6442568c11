package io.squall.topology;

import java.io.Serializable;
import java.util.List;

/**
 * A declared stream as Storm's generated {@code StreamInfo} shows it: its output fields and whether it is direct.
 * A read-only view of a {@link StreamSpec}, for code written against Storm's Thrift structures.
 */
public final class StreamInfo implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> outputFields;
    private final boolean direct;

    public StreamInfo(List<String> outputFields, boolean direct) {
        this.outputFields = List.copyOf(outputFields);
        this.direct = direct;
    }

    static StreamInfo of(StreamSpec spec) {
        return new StreamInfo(spec.fields().toList(), spec.direct());
    }

    public List<String> get_output_fields() {
        return outputFields;
    }

    public int get_output_fields_size() {
        return outputFields.size();
    }

    public boolean is_direct() {
        return direct;
    }

    @Override
    public String toString() {
        return "StreamInfo(output_fields:" + outputFields + ", direct:" + direct + ")";
    }
}
