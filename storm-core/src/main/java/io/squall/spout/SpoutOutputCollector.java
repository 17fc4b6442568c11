package io.squall.spout;

import io.squall.utils.Utils;

import java.util.List;

/**
 * Emits a spout's tuples. A tuple emitted with a message id is tracked: the spout's {@code ack} or
 * {@code fail} is called with that id when its tree completes, fails or times out. Executor thread only.
 */
public class SpoutOutputCollector implements ISpoutOutputCollector {
    private final ISpoutOutputCollector delegate;

    /** Wraps the runtime's collector. */
    public SpoutOutputCollector(ISpoutOutputCollector delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<Integer> emit(String streamId, List<Object> tuple, Object messageId) {
        return delegate.emit(streamId, tuple, messageId);
    }

    /** Emits a tracked tuple on the default stream. */
    public List<Integer> emit(List<Object> tuple, Object messageId) {
        return delegate.emit(Utils.DEFAULT_STREAM_ID, tuple, messageId);
    }

    /** Emits an untracked tuple on the default stream. */
    public List<Integer> emit(List<Object> tuple) {
        return delegate.emit(Utils.DEFAULT_STREAM_ID, tuple, null);
    }

    /** Emits an untracked tuple on a stream. */
    public List<Integer> emit(String streamId, List<Object> tuple) {
        return delegate.emit(streamId, tuple, null);
    }

    @Override
    public void emitDirect(int taskId, String streamId, List<Object> tuple, Object messageId) {
        delegate.emitDirect(taskId, streamId, tuple, messageId);
    }

    /** Emits a tracked tuple on the default (direct) stream to one task. */
    public void emitDirect(int taskId, List<Object> tuple, Object messageId) {
        delegate.emitDirect(taskId, Utils.DEFAULT_STREAM_ID, tuple, messageId);
    }

    /** Emits an untracked tuple on a direct stream to one task. */
    public void emitDirect(int taskId, String streamId, List<Object> tuple) {
        delegate.emitDirect(taskId, streamId, tuple, null);
    }

    /** Emits an untracked tuple on the default (direct) stream to one task. */
    public void emitDirect(int taskId, List<Object> tuple) {
        delegate.emitDirect(taskId, Utils.DEFAULT_STREAM_ID, tuple, null);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public void reportError(Throwable error) {
        delegate.reportError(error);
    }

    @Override
    public long getPendingCount() {
        return delegate.getPendingCount();
    }
}
