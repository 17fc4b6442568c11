package io.squall.streams.operations.mappers;

import io.squall.tuple.Tuple;

/** Index checks shared by the mappers. */
final class Mappers {
    private Mappers() {
    }

    static int checkIndex(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("a tuple value mapper's index must be 0 or more, but got " + index);
        }
        return index;
    }

    static Object valueAt(Tuple input, int index) {
        if (index >= input.size()) {
            throw new IllegalArgumentException("a tuple value mapper reads index " + index + " but the tuple from '"
                    + input.getSourceComponent() + "' on stream '" + input.getSourceStreamId() + "' has "
                    + input.size() + " values " + input.getFields().toList());
        }
        return input.getValue(index);
    }
}
