package io.squall.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What spouts and bolts have in common, as Storm's generated {@code ComponentCommon} shows it: the streams the
 * component subscribes to with their groupings, the streams it declares, its parallelism hint and its configuration
 * as JSON. A read-only view of a {@link ComponentSpec}, for code written against Storm's Thrift structures.
 */
public class ComponentCommon implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ComponentSpec spec;

    ComponentCommon(ComponentSpec spec) {
        this.spec = spec;
    }

    /** The streams the component subscribes to, with their groupings. */
    public Map<GlobalStreamId, Grouping> get_inputs() {
        return spec.getInputs();
    }

    public int get_inputs_size() {
        return spec.getInputs().size();
    }

    /** The streams the component declares, by id. */
    public Map<String, StreamInfo> get_streams() {
        Map<String, StreamInfo> streams = new LinkedHashMap<>();
        spec.getOutputs().forEach((id, s) -> streams.put(id, StreamInfo.of(s)));
        return streams;
    }

    public int get_streams_size() {
        return spec.getOutputs().size();
    }

    /** The number of executors. */
    public int get_parallelism_hint() {
        return spec.getParallelism();
    }

    public boolean is_set_parallelism_hint() {
        return true;
    }

    /** The component's own configuration as a JSON object, or null when it has none. */
    public String get_json_conf() {
        if (spec.getConfig().isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(spec.getConfig());
        } catch (JsonProcessingException e) {
            return String.valueOf(spec.getConfig()); // a value JSON cannot write; Storm's would not have held it
        }
    }

    public boolean is_set_json_conf() {
        return !spec.getConfig().isEmpty();
    }

    @Override
    public String toString() {
        return "ComponentCommon(inputs:" + get_inputs() + ", streams:" + get_streams() + ", parallelism_hint:"
                + get_parallelism_hint() + ")";
    }
}
