package io.squall.runtime.executor;

import io.squall.runtime.routing.Route;
import io.squall.runtime.routing.Router;

import java.util.List;
import java.util.SplittableRandom;

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
        if (values.size() != route.arity()) {
            throw new IllegalArgumentException("Component '" + route.componentId() + "' emitted " + values.size()
                    + " values on stream '" + route.streamId() + "', which declares " + route.fields().size()
                    + " fields " + route.fields());
        }
    }

    /** The route of a non-direct stream, for {@code emit}. */
    static Route plainRoute(Router router, String componentId, String streamId) {
        Route route = router.route(streamId);
        if (route.isDirect()) {
            throw new IllegalArgumentException("Stream '" + streamId + "' of '" + componentId
                    + "' is declared direct: use emitDirect");
        }
        return route;
    }

    /** The route of a direct stream that {@code targetTask} subscribes to, for {@code emitDirect}. */
    static Route directRoute(Router router, String componentId, String streamId, int targetTask) {
        Route route = router.route(streamId);
        if (!route.isDirect() || !route.acceptsDirect(targetTask)) {
            throw new IllegalArgumentException("Cannot emitDirect to task " + targetTask + " on stream '" + streamId
                    + "' of '" + componentId + "': " + (route.isDirect()
                    ? "that task does not subscribe to it with directGrouping" : "the stream is not declared direct"));
        }
        return route;
    }

    /** A random id that is never zero (zero is the XOR of a complete tree). */
    static long nonZero(SplittableRandom random) {
        long v;
        do {
            v = random.nextLong();
        } while (v == 0);
        return v;
    }
}
