package io.squall.testing;

import io.squall.tuple.Values;
import io.squall.utils.Utils;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The tuples {@code Testing.completeTopology} makes each named spout emit instead of running it. */
public class MockedSources {
    private final Map<String, List<FixedTuple>> data = new HashMap<>();

    /** No mocked spouts. */
    public MockedSources() {
    }

    /** The given tuples per spout id. */
    public MockedSources(Map<String, List<FixedTuple>> data) {
        data.forEach((spout, tuples) -> this.data.put(spout, new ArrayList<>(tuples)));
    }

    /** Adds tuples that spout {@code spoutId} emits on {@code streamId}. */
    public void addMockData(String spoutId, String streamId, Values... valueses) {
        if (spoutId == null) {
            throw new IllegalArgumentException("Mock data needs a spout id");
        }
        List<FixedTuple> tuples = data.computeIfAbsent(spoutId, k -> new ArrayList<>());
        for (Values v : valueses) {
            tuples.add(new FixedTuple(streamId, v));
        }
    }

    /** Adds tuples that spout {@code spoutId} emits on its default stream. */
    public void addMockData(String spoutId, Values... valueses) {
        addMockData(spoutId, Utils.DEFAULT_STREAM_ID, valueses);
    }

    /** The mocked tuples by spout id. */
    public Map<String, List<FixedTuple>> getData() {
        return data;
    }
}
