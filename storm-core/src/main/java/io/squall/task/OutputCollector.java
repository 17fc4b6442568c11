package io.squall.task;

import io.squall.tuple.Tuple;
import io.squall.utils.Utils;

import java.util.Collection;
import java.util.List;

/**
 * Emits a bolt's tuples and acks or fails its inputs. Emits anchored to input tuples join those
 * tuples' trees. Executor thread only, as in Storm 2.
 */
public class OutputCollector implements IOutputCollector, SingleAnchorCollector {
    private final IOutputCollector delegate;
    /**
     * The delegate, if it takes one anchor without a collection (the runtime's does) and this is not a subclass;
     * else null, and a one-anchor emit goes through {@link #emit(String, Collection, List)} as in Storm, so that a
     * subclass that overrides only that method sees every emit.
     */
    private final SingleAnchorCollector singleAnchor;

    /** Wraps the runtime's collector. */
    public OutputCollector(IOutputCollector delegate) {
        this.delegate = delegate;
        this.singleAnchor = getClass() == OutputCollector.class && delegate instanceof SingleAnchorCollector s ? s
                : null;
    }

    @Override
    public List<Integer> emit(String streamId, Collection<Tuple> anchors, List<Object> tuple) {
        return delegate.emit(streamId, anchors, tuple);
    }

    /** Emits on a stream anchored to one input. */
    @Override
    public List<Integer> emit(String streamId, Tuple anchor, List<Object> tuple) {
        return singleAnchor != null ? singleAnchor.emit(streamId, anchor, tuple)
                : emit(streamId, anchor == null ? List.<Tuple>of() : List.of(anchor), tuple);
    }

    /** Emits unanchored on a stream. */
    public List<Integer> emit(String streamId, List<Object> tuple) {
        return delegate.emit(streamId, List.of(), tuple);
    }

    /** Emits on the default stream anchored to several inputs. */
    public List<Integer> emit(Collection<Tuple> anchors, List<Object> tuple) {
        return delegate.emit(Utils.DEFAULT_STREAM_ID, anchors, tuple);
    }

    /** Emits on the default stream anchored to one input. */
    public List<Integer> emit(Tuple anchor, List<Object> tuple) {
        return emit(Utils.DEFAULT_STREAM_ID, anchor, tuple);
    }

    /** Emits unanchored on the default stream. */
    public List<Integer> emit(List<Object> tuple) {
        return delegate.emit(Utils.DEFAULT_STREAM_ID, List.of(), tuple);
    }

    @Override
    public void emitDirect(int taskId, String streamId, Collection<Tuple> anchors, List<Object> tuple) {
        delegate.emitDirect(taskId, streamId, anchors, tuple);
    }

    /** Emits to one task on a direct stream, anchored to one input. */
    @Override
    public void emitDirect(int taskId, String streamId, Tuple anchor, List<Object> tuple) {
        if (singleAnchor != null) {
            singleAnchor.emitDirect(taskId, streamId, anchor, tuple);
        } else {
            emitDirect(taskId, streamId, anchor == null ? List.<Tuple>of() : List.of(anchor), tuple);
        }
    }

    /** Emits unanchored to one task on a direct stream. */
    public void emitDirect(int taskId, String streamId, List<Object> tuple) {
        delegate.emitDirect(taskId, streamId, List.of(), tuple);
    }

    /** Emits to one task on the default (direct) stream, anchored to several inputs. */
    public void emitDirect(int taskId, Collection<Tuple> anchors, List<Object> tuple) {
        delegate.emitDirect(taskId, Utils.DEFAULT_STREAM_ID, anchors, tuple);
    }

    /** Emits to one task on the default (direct) stream, anchored to one input. */
    public void emitDirect(int taskId, Tuple anchor, List<Object> tuple) {
        emitDirect(taskId, Utils.DEFAULT_STREAM_ID, anchor, tuple);
    }

    /** Emits unanchored to one task on the default (direct) stream. */
    public void emitDirect(int taskId, List<Object> tuple) {
        delegate.emitDirect(taskId, Utils.DEFAULT_STREAM_ID, List.of(), tuple);
    }

    @Override
    public void ack(Tuple input) {
        delegate.ack(input);
    }

    @Override
    public void fail(Tuple input) {
        delegate.fail(input);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public void resetTimeout(Tuple input) {
        delegate.resetTimeout(input);
    }

    @Override
    public void reportError(Throwable error) {
        delegate.reportError(error);
    }
}
