package io.squall.messaging;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the bytes a channel reads and writes, at the socket end of its pipeline (before frames are
 * decoded, after they are encoded), into shared counters; passes everything on unchanged.
 */
@ChannelHandler.Sharable
final class ByteCounter extends ChannelDuplexHandler {
    private final LongAdder in;
    private final LongAdder out;

    /** Counts reads into {@code in} and writes into {@code out}; either may be null to count nothing. */
    ByteCounter(LongAdder in, LongAdder out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (in != null && msg instanceof ByteBuf b) {
            in.add(b.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (out != null && msg instanceof ByteBuf b) {
            out.add(b.readableBytes());
        }
        ctx.write(msg, promise);
    }
}
