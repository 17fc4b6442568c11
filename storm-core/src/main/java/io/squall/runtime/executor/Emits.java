package io.squall.runtime.executor;

import io.squall.runtime.routing.Route;

import java.util.List;

/** Checks shared by the spout and bolt emit paths. */
final class Emits {
    private Emits() {
    }

    /** A tuple must have as many values as its stream declares fields. */
    static void checkArity(Route route, List<Object> values) {
        if (values == null) {
            throw new IllegalArgumentException("Component '" + route.componentId() + "' emitted null values on stream '"
                    + route.streamId() + "'");
        }
        if (values.size() != route.fields().size()) {
            throw new IllegalArgumentException("Component '" + route.componentId() + "' emitted " + values.size()
                    + " values on stream '" + route.streamId() + "', which declares " + route.fields().size()
                    + " fields " + route.fields());
        }
    }
}
