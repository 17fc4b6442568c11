package io.squall.topology;

import io.squall.grouping.CustomStreamGrouping;
import io.squall.tuple.Fields;

/** Subscribes a bolt to streams, each with a grouping. */
public interface InputDeclarer<T extends InputDeclarer<?>> {
    T fieldsGrouping(String componentId, Fields fields);

    T fieldsGrouping(String componentId, String streamId, Fields fields);

    T globalGrouping(String componentId);

    T globalGrouping(String componentId, String streamId);

    T shuffleGrouping(String componentId);

    T shuffleGrouping(String componentId, String streamId);

    T localOrShuffleGrouping(String componentId);

    T localOrShuffleGrouping(String componentId, String streamId);

    T noneGrouping(String componentId);

    T noneGrouping(String componentId, String streamId);

    T allGrouping(String componentId);

    T allGrouping(String componentId, String streamId);

    T directGrouping(String componentId);

    T directGrouping(String componentId, String streamId);

    /**
     * Storm's partial key grouping: each value of {@code fields} goes to one of two tasks, the one this
     * emitter has sent less to ({@link io.squall.grouping.PartialKeyGrouping}); spreads hot keys.
     */
    T partialKeyGrouping(String componentId, Fields fields);

    /** {@link #partialKeyGrouping(String, Fields)} on a named stream. */
    T partialKeyGrouping(String componentId, String streamId, Fields fields);

    T customGrouping(String componentId, CustomStreamGrouping grouping);

    T customGrouping(String componentId, String streamId, CustomStreamGrouping grouping);

    T grouping(GlobalStreamId id, Grouping grouping);
}
