package io.squall.runtime.executor;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.squall.runtime.TaskLayout;
import io.squall.runtime.routing.Router;
import io.squall.serialization.KryoFactory;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.task.WorkerTopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SerializationCheckTest {
    /** Declares two one-field streams, "a" and "b". */
    static final class TwoStreams extends BaseRichSpout {
        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
        }

        @Override
        public void nextTuple() {
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declareStream("a", new Fields("v"));
            declarer.declareStream("b", new Fields("v"));
        }
    }

    /** Registered with no Kryo serializer and not Java-serializable. */
    static final class Opaque {
    }

    private static Router router() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("two", new TwoStreams());
        StormTopology t = b.createTopology();
        TaskLayout layout = new TaskLayout(t, 0);
        int task = layout.taskToComponent().keySet().iterator().next();
        WorkerTopologyContext context = new WorkerTopologyContext(t, Map.of(), layout.taskToComponent(), "t", 0,
                List.copyOf(layout.taskToComponent().keySet()));
        return new Router(context, task);
    }

    @Test
    void aNewClassIsCheckedOnEachStreamWhetherTheTaskStaysOnOneStreamOrAlternates() {
        Router router = router();
        SerializationCheck check = new SerializationCheck(
                KryoFactory.create(List.of(), false, getClass().getClassLoader(), List.of()), true);
        assertDoesNotThrow(() -> check.check(router.route("a"), new Values("x")));
        assertDoesNotThrow(() -> check.check(router.route("a"), new Values(1L)));
        assertDoesNotThrow(() -> check.check(router.route("b"), new Values("y")));
        UnserializableValueException onB = assertThrows(UnserializableValueException.class,
                () -> check.check(router.route("b"), new Values(new Opaque())));
        assertTrue(onB.getMessage().contains("stream 'b'") && onB.getMessage().contains(Opaque.class.getName()),
                onB.getMessage());
        assertDoesNotThrow(() -> check.check(router.route("a"), new Values("x")));
        UnserializableValueException onA = assertThrows(UnserializableValueException.class,
                () -> check.check(router.route("a"), new Values(new Opaque())));
        assertTrue(onA.getMessage().contains("stream 'a'"), onA.getMessage());
    }

    /** Written as an int, but its serializer's read is broken: only the receiving worker would see it. */
    static final class HalfWay {
        final int n = 7;
    }

    @Test
    void aValueWhoseSerializerCannotReadWhatItWroteIsCaughtInLocalMode() {
        com.esotericsoftware.kryo.Kryo kryo = KryoFactory.create(List.of(), false, getClass().getClassLoader(),
                List.of());
        kryo.register(HalfWay.class, new com.esotericsoftware.kryo.Serializer<HalfWay>() {
            @Override
            public void write(com.esotericsoftware.kryo.Kryo k, com.esotericsoftware.kryo.io.Output out, HalfWay h) {
                out.writeInt(h.n);
            }

            @Override
            public HalfWay read(com.esotericsoftware.kryo.Kryo k, com.esotericsoftware.kryo.io.Input in,
                                Class<? extends HalfWay> type) {
                throw new IllegalStateException("this serializer cannot read");
            }
        });
        SerializationCheck check = new SerializationCheck(kryo, true);
        UnserializableValueException e = assertThrows(UnserializableValueException.class,
                () -> check.check(router().route("a"), new Values(new HalfWay())));
        assertTrue(e.getMessage().contains("could not read back") && e.getMessage().contains("cannot read"),
                e.getMessage());
    }

    @Test
    void unlessToldToStopAValueThatCannotCrossWorkersIsLoggedOncePerStreamAndPasses() {
        Logger log = (Logger) LoggerFactory.getLogger(SerializationCheck.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        log.addAppender(logged);
        try {
            Router router = router();
            SerializationCheck check = new SerializationCheck(
                    KryoFactory.create(List.of(), false, getClass().getClassLoader(), List.of()), false);
            for (int i = 0; i < 3; i++) {
                assertDoesNotThrow(() -> check.check(router.route("a"), new Values(new Opaque())));
            }
            assertDoesNotThrow(() -> check.check(router.route("b"), new Values(new Opaque())));
            List<String> warnings = logged.list.stream().filter(e -> e.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage).toList();
            assertEquals(2, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("stream 'a'") && warnings.get(0).contains(Opaque.class.getName())
                    && warnings.get(0).contains("Config.registerSerialization(Opaque.class)")
                    && warnings.get(0).contains("topology.testing.always.try.serialize"), warnings.get(0));
            assertTrue(warnings.get(1).contains("stream 'b'"), warnings.get(1));
        } finally {
            log.detachAppender(logged);
        }
    }
}
