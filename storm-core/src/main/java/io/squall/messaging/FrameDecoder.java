package io.squall.messaging;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Cuts the byte stream of a connection into {@link Frame}s. Every check happens on the 4-byte length prefix,
 * before anything is allocated for the frame: the length must be within the maximum frame size and within
 * what one connection may hold, and a frame that does not arrive at once must fit in the server's
 * {@link InboundBudget} while it is incomplete. Once it has seen one bad or refused frame it discards
 * everything that follows (the handler after it closes the connection). One instance per channel,
 * event-loop thread.
 *
 * <p>A frame of up to {@value #REUSED_BYTES} bytes is copied into a buffer of the connection that the next frame
 * reuses (a batch is sent once it holds {@code messaging.batch.bytes}, 64 KiB by default), so the frames of a
 * busy connection allocate nothing; the frame handed on is valid until the next handler returns (see
 * {@link Frame}). Larger frames get an array of their own.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private final int maxFrameBytes;
    private final long maxConnectionBytes;
    private final InboundBudget budget;
    /** The largest frame copied into the reused buffer. */
    static final int REUSED_BYTES = 1 << 17;
    /** The reused buffer, grown up to {@link #REUSED_BYTES} as frames need. */
    private byte[] reused = new byte[0];
    /** Bytes reserved in the budget for the frame now arriving, 0 if none. */
    private long reserved;
    private boolean failed;

    /** A decoder accepting frames of at most {@code maxFrameBytes} after the length prefix, without a budget. */
    public FrameDecoder(int maxFrameBytes) {
        this(maxFrameBytes, Long.MAX_VALUE, null);
    }

    /**
     * @param maxFrameBytes      the largest length prefix accepted ({@code messaging.max.frame.bytes})
     * @param maxConnectionBytes the longest frame (after its prefix) this connection may hold while it arrives
     * @param budget             what all connections may hold of frames still arriving; null for no limit
     */
    public FrameDecoder(int maxFrameBytes, long maxConnectionBytes, InboundBudget budget) {
        this.maxFrameBytes = maxFrameBytes;
        this.maxConnectionBytes = maxConnectionBytes;
        this.budget = budget;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < Frame.HEADER_BYTES) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        if (length < 1 || length > maxFrameBytes) {
            fail(in);
            throw new MalformedFrameException("Frame length " + length + " is outside 1.." + maxFrameBytes
                    + " (messaging.max.frame.bytes)");
        }
        long frameBytes = Frame.HEADER_BYTES + (long) length;
        if (in.readableBytes() < frameBytes) {
            reserve(in, length, frameBytes);
            return;
        }
        in.skipBytes(Frame.HEADER_BYTES);
        byte type = in.readByte();
        if (!Frame.isKnownType(type)) {
            fail(in);
            throw new MalformedFrameException("Unknown frame type " + type);
        }
        int size = length - 1;
        byte[] payload;
        if (size > REUSED_BYTES) {
            payload = new byte[size];
        } else {
            if (reused.length < size) {
                reused = new byte[Math.min(REUSED_BYTES, Math.max(size, reused.length * 2))];
            }
            payload = reused;
        }
        in.readBytes(payload, 0, size);
        releaseReserved();
        out.add(new Frame(type, payload, size));
    }

    /** Reserves room for an incomplete frame, once per frame, or refuses it. */
    private void reserve(ByteBuf in, int length, long frameBytes) {
        if (reserved != 0) {
            return;
        }
        if (length > maxConnectionBytes) {
            fail(in);
            throw new FrameRefusedException("A frame of " + length + " bytes is more than one connection may "
                    + "hold (" + maxConnectionBytes + ", messaging.inbound.connection.max.bytes)");
        }
        if (budget != null) {
            if (!budget.tryReserve(frameBytes)) {
                fail(in);
                throw new FrameRefusedException("A frame of " + frameBytes + " bytes does not fit in the memory "
                        + "left for frames still arriving (" + budget.usedBytes() + " of " + budget.limitBytes()
                        + " bytes in use, messaging.inbound.max.bytes)");
            }
            reserved = frameBytes;
        }
    }

    private void fail(ByteBuf in) {
        failed = true;
        in.skipBytes(in.readableBytes());
        releaseReserved();
    }

    private void releaseReserved() {
        if (reserved != 0) {
            budget.release(reserved);
            reserved = 0;
        }
    }

    /** The connection ended: a frame still arriving never will, so its bytes and reservation go. */
    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        in.skipBytes(in.readableBytes());
        releaseReserved();
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        releaseReserved();
    }

    /** Bytes this connection holds reserved in the budget now; for tests. */
    long reservedBytes() {
        return reserved;
    }
}
