package io.squall.daemon.local;

import com.codahale.metrics.Gauge;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.squall.config.ConfigKey;
import io.squall.config.ConfigKeys;
import io.squall.config.TopologySettings;
import io.squall.messaging.CongestionSignaller;
import io.squall.messaging.InboundDispatcher;
import io.squall.messaging.MessagingClient;
import io.squall.messaging.MessagingServer;
import io.squall.messaging.OutboundLink;
import io.squall.messaging.OversizedTuples;
import io.squall.messaging.WireCodec;
import io.squall.runtime.Worker;
import io.squall.serialization.KryoFactory;
import io.squall.serialization.OutboundEncoding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The transport between the in-process workers of one local topology: the same Netty server, clients, links and
 * backpressure signals as between a cluster's workers, over loopback. Every tuple and acker message for another
 * worker is Kryo-encoded into a frame and decoded on the other side, so a value that could not cross workers
 * fails here as it would on a cluster. Worker {@code i}'s outbound queue to worker {@code j} is named
 * {@link #queueName(int) queueName(j)}.
 *
 * <p>Built in two steps, because a worker needs its port and the server needs its worker: the constructor binds
 * a server per worker, {@link #connect} joins the workers once they exist. Thread-safe.
 */
final class WorkerMesh implements AutoCloseable {
    /** How often each worker's congestion is checked (as in a cluster's worker). */
    private static final long BACKPRESSURE_CHECK_MS = 5;
    private static final long LINK_STOP_MS = 5000;
    private static final String HOST = "127.0.0.1";

    private final Map<String, Object> conf;
    private final int maxFrameBytes;
    private final List<MessagingServer> servers = new ArrayList<>();
    private final AtomicReferenceArray<Worker> workers;
    private final EventLoopGroup clientGroup = new NioEventLoopGroup(1,
            new DefaultThreadFactory("local-messaging-client", true));
    private final List<MessagingClient> clients = new ArrayList<>();
    private final List<OutboundLink> links = new ArrayList<>();
    private final List<CongestionSignaller> signallers = new ArrayList<>();
    private volatile boolean running = true;

    /** The name of the outbound queue to worker {@code j}. */
    static String queueName(int j) {
        return "worker-" + (j + 1);
    }

    /** Binds a loopback server for each of {@code n} workers. */
    WorkerMesh(int n, Map<String, Object> conf, ClassLoader loader) throws InterruptedException {
        this.conf = conf;
        this.maxFrameBytes = intOf(ConfigKeys.MESSAGING_MAX_FRAME_BYTES);
        this.workers = new AtomicReferenceArray<>(n);
        int refreshMs = intOf(ConfigKeys.MESSAGING_BACKPRESSURE_REFRESH_MS);
        int configuredExpiryMs = intOf(ConfigKeys.MESSAGING_BACKPRESSURE_EXPIRY_MS);
        long expiryMs = configuredExpiryMs > refreshMs ? configuredExpiryMs : 3L * refreshMs;
        MessagingServer.Settings ss = new MessagingServer.Settings(maxFrameBytes,
                intOf(ConfigKeys.MESSAGING_INBOUND_CONNECTION_MAX_BYTES), intOf(ConfigKeys.MESSAGING_INBOUND_MAX_BYTES),
                Math.max(1, expiryMs / 10));
        try {
            for (int i = 0; i < n; i++) {
                int me = i;
                servers.add(new MessagingServer(HOST, 0, ss, () -> new InboundDispatcher(workers.get(me),
                        codec(workers.get(me), loader), () -> running, new InboundDispatcher.Counters(), expiryMs)));
            }
        } catch (InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The port worker {@code i} receives on. */
    int port(int i) {
        return servers.get(i).port();
    }

    /**
     * Joins the workers (in the order of the servers): a client and a link from each to each other, and each
     * worker's congestion signalled to its peers. Nothing flows until {@link #start}.
     *
     * @param onFailure told, from a link's event loop, when a link cannot send (a value that does not serialize)
     */
    synchronized void connect(List<Worker> all, ClassLoader loader, Consumer<Throwable> onFailure) {
        for (int i = 0; i < all.size(); i++) {
            workers.set(i, all.get(i));
        }
        MessagingClient.Settings cs = new MessagingClient.Settings(intOf(ConfigKeys.MESSAGING_RECONNECT_MIN_MS),
                intOf(ConfigKeys.MESSAGING_RECONNECT_MAX_MS), intOf(ConfigKeys.MESSAGING_WRITE_BUFFER_BYTES));
        OutboundLink.Limits limits = new OutboundLink.Limits(intOf(ConfigKeys.MESSAGING_BATCH_BYTES), maxFrameBytes);
        for (int i = 0; i < all.size(); i++) {
            Worker w = all.get(i);
            AtomicLong oversized = new AtomicLong();
            List<MessagingClient> peers = new ArrayList<>();
            for (int j = 0; j < all.size(); j++) {
                var out = w.outboundQueues().get(queueName(j));
                if (j == i || out == null) {
                    continue;
                }
                MessagingClient client = new MessagingClient(queueName(j), HOST, port(j), clientGroup, cs);
                peers.add(client);
                clients.add(client);
                links.add(new OutboundLink(out, client, codec(w, loader), limits,
                        new OversizedTuples(w, out, maxFrameBytes, oversized), onFailure));
            }
            if (!peers.isEmpty()) {
                w.encodeOutboundWith(new OutboundEncoding(() -> codec(w, loader),
                        Math.min(limits.batchBytes(), maxFrameBytes - 1)));
            }
            MessagingServer server = servers.get(i);
            w.metrics().register("worker", "netty.bytes-in", (Gauge<Long>) server::bytesIn);
            w.metrics().register("worker", "netty.bytes-out",
                    (Gauge<Long>) () -> peers.stream().mapToLong(MessagingClient::bytesOut).sum());
            w.metrics().register("worker", "netty.frames-refused", (Gauge<Long>) server::refusedFrames);
            w.metrics().register("worker", "netty.tuples-oversized", (Gauge<Long>) oversized::get);
            signallers.add(new CongestionSignaller(w::executorsCongested, () -> peers,
                    intOf(ConfigKeys.MESSAGING_BACKPRESSURE_REFRESH_MS), System::nanoTime));
        }
    }

    /** Starts the links and the congestion signals. */
    synchronized void start() {
        links.forEach(OutboundLink::start);
        signallers.forEach(s -> s.start(clientGroup, BACKPRESSURE_CHECK_MS));
    }

    /** Stops the links, closes the connections and the servers. Call once the workers have stopped. */
    @Override
    public synchronized void close() {
        running = false;
        signallers.forEach(CongestionSignaller::close);
        links.forEach(OutboundLink::stop);
        links.forEach(l -> l.awaitStopped(LINK_STOP_MS));
        clients.forEach(MessagingClient::close);
        servers.forEach(MessagingServer::close);
        clientGroup.shutdownGracefully();
    }

    /** A wire codec with its own Kryo, for one thread. */
    private static WireCodec codec(Worker w, ClassLoader loader) {
        TopologySettings s = w.settings();
        return new WireCodec(KryoFactory.create(s, w.context().getTopologyConf(), loader), w.context());
    }

    /** A messaging setting: from the topology's configuration if set there, else its default. */
    private int intOf(ConfigKey key) {
        Object v = conf.get(key.name());
        return ((Number) (v instanceof Number ? v : key.defaultValue())).intValue();
    }
}
