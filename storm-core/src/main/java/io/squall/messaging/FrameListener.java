package io.squall.messaging;

/**
 * Receives the frames of one incoming connection, on that connection's event-loop thread. A listener is made
 * per connection, so it may keep per-connection state without locking.
 */
public interface FrameListener {
    /**
     * Handles a frame.
     *
     * @throws MalformedFrameException if its content is invalid; the connection is then closed
     */
    void onFrame(Frame frame) throws InterruptedException;

    /** The connection closed; release what it held. */
    void onClose();
}
