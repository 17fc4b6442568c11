package io.squall.serialization;

import java.util.function.Supplier;

/**
 * How executors encode what they send to other workers: a new {@link MessageEncoder} for each executor that sends
 * there (each has a Kryo of its own), and the most bytes one {@link EncodedBatch} may hold. A message that does not
 * fit in that, or that its encoder cannot write, travels as an object, and the transport deals with it as before.
 *
 * @param encoders      makes an encoder for one executor's thread; called on that thread at its first remote send
 * @param maxBatchBytes the most bytes an encoded batch may hold (at most a frame's payload); with a small one (a
 *                      {@code messaging.batch.bytes} of a few bytes) most messages travel as objects, one a frame
 */
public record OutboundEncoding(Supplier<MessageEncoder> encoders, int maxBatchBytes) {
    /** Checks the limit. */
    public OutboundEncoding {
        if (maxBatchBytes < 1) {
            throw new IllegalArgumentException("An encoded batch must be allowed at least 1 byte, not "
                    + maxBatchBytes);
        }
    }
}
