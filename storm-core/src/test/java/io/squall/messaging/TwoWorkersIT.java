package io.squall.messaging;

import io.netty.channel.nio.NioEventLoopGroup;
import io.squall.Await;
import io.squall.runtime.api.ReportedError;
import io.squall.runtime.Worker;
import io.squall.serialization.KryoFactory;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two workers in this JVM, wired as worker processes wire them (server, dispatchers, clients, links), with the
 * spout and acker in one and the bolt in the other: a tuple too large for a frame fails alone.
 */
@Timeout(120)
class TwoWorkersIT {
    private static final int MAX_FRAME = 16 * 1024 * 1024;
    private static final Set<String> ACKED = ConcurrentHashMap.newKeySet();
    private static final Set<String> FAILED = ConcurrentHashMap.newKeySet();

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final AtomicReference<Throwable> linkFailure = new AtomicReference<>();
    private final AtomicLong oversized = new AtomicLong();

    /** Emits ten small tuples around one of 20 MB, each once, and records acks and fails. */
    public static class MixedSpout extends BaseRichSpout {
        private transient SpoutOutputCollector collector;
        private transient int next;

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void nextTuple() {
            if (next > 10) {
                return;
            }
            int n = next++;
            if (n == 5) {
                collector.emit(new Values((Object) new byte[20 * 1024 * 1024]), "huge");
            } else {
                collector.emit(new Values((Object) new byte[100]), "small-" + n);
            }
        }

        @Override
        public void ack(Object msgId) {
            ACKED.add((String) msgId);
        }

        @Override
        public void fail(Object msgId) {
            FAILED.add((String) msgId);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("payload"));
        }
    }

    /** Acks everything. */
    public static class Sink extends BaseBasicBolt {
        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void aTupleTooLargeForAFrameFailsAloneAndTheWorkerGoesOn() throws Exception {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("mixed", new MixedSpout());
        b.setBolt("sink", new Sink()).shuffleGrouping("mixed");
        StormTopology topology = b.createTopology();
        Map<String, Object> conf = new HashMap<>();
        conf.put("topology.acker.executors", 1);
        conf.put("topology.message.timeout.secs", 300); // A fail must come from the link, not a timeout.

        Map<Integer, String> tasks = new Worker("probe", topology, conf, getClass().getClassLoader(), false,
                io.squall.utils.Clock.SYSTEM, e -> { }).layout().taskToComponent();
        AtomicReference<Worker> first = new AtomicReference<>();
        AtomicReference<Worker> second = new AtomicReference<>();
        MessagingServer serverA = server(first);
        MessagingServer serverB = server(second);
        String nameA = "127.0.0.1:" + serverA.port();
        String nameB = "127.0.0.1:" + serverB.port();
        Map<Integer, String> remoteOfA = new HashMap<>();
        Map<Integer, String> remoteOfB = new HashMap<>();
        tasks.forEach((task, component) -> {
            if (component.equals("sink")) {
                remoteOfA.put(task, nameB);
            } else {
                remoteOfB.put(task, nameA);
            }
        });
        Worker a = new Worker("two", topology, conf, getClass().getClassLoader(), false, io.squall.utils.Clock.SYSTEM,
                e -> { }, new Worker.Placement(serverA.port(), remoteOfA, Map.of()));
        Worker w2 = new Worker("two", topology, conf, getClass().getClassLoader(), false, io.squall.utils.Clock.SYSTEM,
                e -> { }, new Worker.Placement(serverB.port(), remoteOfB, Map.of()));
        first.set(a);
        second.set(w2);
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        toClose.add(group::shutdownGracefully);
        connect(a, nameB, serverB.port(), group);
        connect(w2, nameA, serverA.port(), group);
        w2.start(true);
        a.start(true);
        toClose.add(a::shutdown);
        toClose.add(w2::shutdown);

        Await.until(Duration.ofSeconds(60), () -> ACKED.size() == 10 && FAILED.contains("huge"),
                () -> "acked " + ACKED + ", failed " + FAILED);
        assertEquals(Set.of("huge"), FAILED, "only the oversized tuple fails");
        assertEquals(1, oversized.get());
        assertNull(linkFailure.get(), "the link did not stop");
        assertEquals(Worker.State.RUNNING, a.state());
        List<ReportedError> errors = a.errors().errors("mixed");
        assertEquals(1, errors.size());
        String msg = errors.get(0).message();
        assertTrue(msg.contains("mixed") && msg.contains("stream default") && msg.contains("bytes serialized"), msg);
    }

    private MessagingServer server(AtomicReference<Worker> worker) throws InterruptedException {
        MessagingServer s = new MessagingServer("127.0.0.1", 0, new MessagingServer.Settings(MAX_FRAME, MAX_FRAME,
                8L * MAX_FRAME, 100), () -> new InboundDispatcher(worker.get(), codec(worker.get()), () -> true,
                new InboundDispatcher.Counters(), 5000));
        toClose.add(s);
        return s;
    }

    private WireCodec codec(Worker w) {
        return new WireCodec(KryoFactory.create(List.of(), false, getClass().getClassLoader(), List.of()),
                w.context());
    }

    private void connect(Worker from, String toName, int toPort, NioEventLoopGroup group) {
        MessagingClient client = new MessagingClient(toName, "127.0.0.1", toPort, group,
                new MessagingClient.Settings(10, 100, 8 * 1024 * 1024));
        toClose.add(client);
        var queue = from.outboundQueues().get(toName);
        OutboundLink link = new OutboundLink(queue, client, codec(from), new OutboundLink.Limits(65536, MAX_FRAME),
                new OversizedTuples(from, queue, MAX_FRAME, oversized), linkFailure::set);
        link.start();
        toClose.add(link::stop);
    }
}
