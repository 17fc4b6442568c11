package io.squall.messaging;

/**
 * Receives the frames of one incoming connection, on that connection's event-loop thread. A listener is made
 * per connection, so it may keep per-connection state without locking.
 *
 * <p>A listener never blocks the event loop, which serves other connections too: when it cannot hand a frame
 * on (a receive queue is full) it keeps what is left and returns false from {@link #onFrame}. The connection
 * then stops reading (TCP pushes back on that sender only) and calls {@link #retry} until it returns true;
 * frames decoded in the meantime are kept by the connection and handed over in order afterwards.
 */
public interface FrameListener {
    /**
     * Handles a frame. The frame may lie in the connection's reused buffer: it is valid during this call only, and
     * a listener that keeps it (rather than what it decoded from it) keeps a {@link Frame#copy()}.
     *
     * @return true if the frame is fully handled; false if part of it is kept for {@link #retry}
     * @throws MalformedFrameException if its content is invalid; the connection is then closed
     */
    boolean onFrame(Frame frame);

    /**
     * Tries again to hand on what {@link #onFrame} kept.
     *
     * @return true once nothing is kept any more
     */
    default boolean retry() {
        return true;
    }

    /** Called at a fixed interval while the connection is open, for state that expires. */
    default void onTick() {
    }

    /** The connection closed; release what it held. */
    void onClose();
}
