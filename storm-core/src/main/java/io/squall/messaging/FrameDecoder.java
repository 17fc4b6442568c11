package io.squall.messaging;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Cuts the byte stream of a connection into {@link Frame}s, checking the length prefix against the maximum
 * frame size and the type against the known types. Once it has seen one bad frame it discards everything
 * that follows (the handler after it closes the connection). One instance per channel, event-loop thread.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private final int maxFrameBytes;
    private boolean failed;

    /** A decoder accepting frames of at most {@code maxFrameBytes} after the length prefix. */
    public FrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
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
            failed = true;
            in.skipBytes(in.readableBytes());
            throw new MalformedFrameException("Frame length " + length + " is outside 1.." + maxFrameBytes
                    + " (messaging.max.frame.bytes)");
        }
        if (in.readableBytes() < Frame.HEADER_BYTES + length) {
            return;
        }
        in.skipBytes(Frame.HEADER_BYTES);
        byte type = in.readByte();
        if (!Frame.isKnownType(type)) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw new MalformedFrameException("Unknown frame type " + type);
        }
        byte[] payload = new byte[length - 1];
        in.readBytes(payload);
        out.add(new Frame(type, payload));
    }
}
