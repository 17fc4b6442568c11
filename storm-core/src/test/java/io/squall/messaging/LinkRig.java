package io.squall.messaging;

import io.netty.channel.nio.NioEventLoopGroup;
import io.squall.runtime.queue.Backpressure;
import io.squall.runtime.queue.ReceiveQueue;
import io.squall.serialization.KryoFactory;
import io.squall.task.GeneralTopologyContext;
import io.squall.testing.TestWordSpout;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.MessageId;
import io.squall.tuple.TupleImpl;
import io.squall.tuple.Values;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The set-up the link tests share: a messaging server on a free loopback port whose frames go to a listener the
 * test gives, a client to it on an event loop of its own, and an {@link OutboundLink} carrying a queue's messages
 * through that client. The topology is one spout, {@code words} (task 1), and whatever other tasks the test names.
 * The link is not started; {@link #close} stops and closes everything.
 */
final class LinkRig implements AutoCloseable {
    /** The tests' largest frame. */
    static final int MAX_FRAME = 64 * 1024;

    /** The topology's tasks (id to component), the queue's capacity, the client's high-water mark, the link's batch. */
    record Settings(Map<Integer, String> tasks, int queueCapacity, int clientHighWaterBytes, int batchBytes) { }

    final GeneralTopologyContext context;
    final ReceiveQueue queue;
    final MessagingServer server;
    final MessagingClient client;
    final OutboundLink link;
    /** What the link reported when it failed, if it did. */
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final NioEventLoopGroup group = new NioEventLoopGroup(1);

    /**
     * @param listener  makes the server's listener for a connection, given a codec to read frames with
     * @param oversized what the link does with a tuple too large for a frame
     */
    LinkRig(Settings settings, Function<WireCodec, FrameListener> listener, OutboundLink.Oversized oversized)
            throws InterruptedException {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        context = new GeneralTopologyContext(b.createTopology(), Map.of(), settings.tasks(), "link");
        queue = new ReceiveQueue("to-peer", settings.queueCapacity(), 0.9, 0.5, new Backpressure());
        WireCodec receiving = codec();
        server = new MessagingServer("127.0.0.1", 0, MessagingServer.Settings.ofMaxFrame(MAX_FRAME),
                () -> listener.apply(receiving));
        client = new MessagingClient("peer", "127.0.0.1", server.port(), group,
                new MessagingClient.Settings(10, 100, settings.clientHighWaterBytes()));
        link = new OutboundLink(queue, client, codec(), new OutboundLink.Limits(settings.batchBytes(), MAX_FRAME),
                oversized, failure::set);
    }

    private WireCodec codec() {
        return new WireCodec(KryoFactory.create(List.of(), false, getClass().getClassLoader(), List.of()), context);
    }

    /** A tuple from {@code words} (task 1) in tree {@code root} whose one value is {@code bytes} bytes. */
    TupleImpl tuple(int bytes, long root) {
        return new TupleImpl("words", "default", context.getComponentOutputFields("words", "default"), 1,
                new Values((Object) new byte[bytes]), MessageId.of(root, 1L));
    }

    @Override
    public void close() {
        link.stop();
        client.close();
        server.close();
        group.shutdownGracefully();
    }
}
