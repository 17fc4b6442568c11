package io.squall.drpc;

import io.squall.Testing;
import io.squall.coordination.BatchOutputCollector;
import io.squall.task.IOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.task.WorkerTopologyContext;
import io.squall.testing.MkTupleParam;
import io.squall.testing.TestPlannerSpout;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseBatchBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The last bolt of a linear DRPC topology, fed in the orders a loaded cluster can deliver: the task that owns a
 * request may have every tuple and every count before the request's id reaches it.
 */
class CoordinatedBoltTest {
    private final List<List<Object>> emitted = new ArrayList<>();
    private final List<Tuple> acked = new ArrayList<>();
    private CoordinatedBolt bolt;

    /** Counts a request's tuples, as the reach topology's last bolt does. */
    static final class CountTuples extends BaseBatchBolt<Object> {
        private BatchOutputCollector collector;
        private Object id;
        private int count;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, BatchOutputCollector collector,
                            Object id) {
            this.collector = collector;
            this.id = id;
        }

        @Override
        public void execute(Tuple tuple) {
            count++;
        }

        @Override
        public void finishBatch() {
            collector.emit(new Values(id, count));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("id", "count"));
        }
    }

    @BeforeEach
    void prepare() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("prepare-request", new TestPlannerSpout(new Fields("request")));
        b.setSpout("bolt0", new TestPlannerSpout(new Fields("id", "follower")));
        b.setBolt("bolt1", new CoordinatedBolt(new CountTuples(), "bolt0", true)).fieldsGrouping("bolt0", new Fields("id"));
        Map<Integer, String> tasks = new HashMap<>(Map.of(1, "bolt1", 2, "bolt0", 3, "prepare-request"));
        TopologyContext context = new TopologyContext(new WorkerTopologyContext(b.createTopology(), Map.of(), tasks,
                "t", 0, new ArrayList<>(tasks.keySet())), 1);
        bolt = new CoordinatedBolt(new CountTuples(), "bolt0", true);
        bolt.prepare(Map.of(), context, new OutputCollector(new IOutputCollector() {
            @Override
            public List<Integer> emit(String streamId, Collection<Tuple> anchors, List<Object> tuple) {
                emitted.add(tuple);
                return List.of();
            }

            @Override
            public void emitDirect(int taskId, String streamId, Collection<Tuple> anchors, List<Object> tuple) {
            }

            @Override
            public void ack(Tuple input) {
                acked.add(input);
            }

            @Override
            public void fail(Tuple input) {
                throw new AssertionError("failed " + input);
            }

            @Override
            public void resetTimeout(Tuple input) {
            }

            @Override
            public void reportError(Throwable error) {
                throw new AssertionError(error);
            }
        }));
    }

    private static Tuple tuple(String component, String stream, String fields, Object... values) {
        MkTupleParam p = new MkTupleParam();
        p.setComponent(component);
        p.setStream(stream);
        p.setFields(fields.split(","));
        return Testing.testTuple(new Values(values), p);
    }

    @Test
    void theOwnerThatHasEveryTupleBeforeTheIdWaitsForItAndCountsThemAll() {
        bolt.execute(tuple("bolt0", "default", "id,follower", 7L, "ann"));
        bolt.execute(tuple("bolt0", "default", "id,follower", 7L, "bob"));
        bolt.execute(tuple("bolt0", CoordinatedBolt.COORD_STREAM, "id,count", 7L, 2));
        assertEquals(List.of(), emitted, "no result before the task knows it owns the request");
        bolt.execute(tuple("prepare-request", CoordinatedBolt.ID_STREAM, "request", 7L));
        assertEquals(List.of(List.of(7L, 2)), emitted);
        assertEquals(4, acked.size(), "the tuples, the count and the id");
    }

    @Test
    void aRequestWithNoTuplesIsAnsweredWhicheverComesFirst() {
        bolt.execute(tuple("bolt0", CoordinatedBolt.COORD_STREAM, "id,count", 8L, 0));
        bolt.execute(tuple("prepare-request", CoordinatedBolt.ID_STREAM, "request", 8L));
        bolt.execute(tuple("prepare-request", CoordinatedBolt.ID_STREAM, "request", 9L));
        bolt.execute(tuple("bolt0", CoordinatedBolt.COORD_STREAM, "id,count", 9L, 0));
        assertEquals(List.of(List.of(8L, 0), List.of(9L, 0)), emitted);
    }

    @Test
    void theIdBeforeTheTuplesFinishesOnTheLastCount() {
        bolt.execute(tuple("prepare-request", CoordinatedBolt.ID_STREAM, "request", 5L));
        bolt.execute(tuple("bolt0", "default", "id,follower", 5L, "ann"));
        assertEquals(List.of(), emitted);
        bolt.execute(tuple("bolt0", CoordinatedBolt.COORD_STREAM, "id,count", 5L, 1));
        assertEquals(List.of(List.of(5L, 1)), emitted);
    }
}
