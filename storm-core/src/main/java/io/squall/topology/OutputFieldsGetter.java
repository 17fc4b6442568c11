package io.squall.topology;

import io.squall.tuple.Fields;
import io.squall.utils.Utils;

import java.util.LinkedHashMap;
import java.util.Map;

/** An {@link OutputFieldsDeclarer} that records the declarations. Single-threaded. */
public class OutputFieldsGetter implements OutputFieldsDeclarer {
    private final Map<String, StreamSpec> streams = new LinkedHashMap<>();

    @Override
    public void declare(Fields fields) {
        declare(false, fields);
    }

    @Override
    public void declare(boolean direct, Fields fields) {
        declareStream(Utils.DEFAULT_STREAM_ID, direct, fields);
    }

    @Override
    public void declareStream(String streamId, Fields fields) {
        declareStream(streamId, false, fields);
    }

    @Override
    public void declareStream(String streamId, boolean direct, Fields fields) {
        if (streamId == null || streamId.isEmpty()) {
            throw new InvalidTopologyException("A stream id must be a non-empty string");
        }
        if (fields == null) {
            throw new InvalidTopologyException("Stream '" + streamId + "' is declared with null fields");
        }
        if (streams.containsKey(streamId)) {
            throw new InvalidTopologyException("Stream '" + streamId + "' is declared twice");
        }
        streams.put(streamId, new StreamSpec(fields, direct));
    }

    /** The declared streams by id, in declaration order. */
    public Map<String, StreamSpec> getFieldsDeclaration() {
        return streams;
    }
}
