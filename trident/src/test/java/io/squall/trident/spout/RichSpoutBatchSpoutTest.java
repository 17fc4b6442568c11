package io.squall.trident.spout;

import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichSpout;
import io.squall.trident.operation.TridentCollector;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An ordinary spout as a Trident batch spout: batch sizes, acks on commit, fails on replay. */
class RichSpoutBatchSpoutTest {
    /** Emits 0, 1, 2, ... up to {@code limit} with themselves as message ids; records acks and fails. */
    static final class Numbers extends BaseRichSpout {
        final int limit;
        final List<Object> acked = new ArrayList<>();
        final List<Object> failed = new ArrayList<>();
        transient SpoutOutputCollector collector;
        int next;

        Numbers(int limit) {
            this.limit = limit;
        }

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void nextTuple() {
            if (next < limit) {
                collector.emit(new Values(next), next);
                next++;
            }
        }

        @Override
        public void ack(Object msgId) {
            acked.add(msgId);
        }

        @Override
        public void fail(Object msgId) {
            failed.add(msgId);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("n"));
        }
    }

    private static List<Object> emit(RichSpoutBatchSpout s, long batch) {
        List<Object> out = new ArrayList<>();
        s.emitBatch(batch, new TridentCollector() {
            @Override
            public void emit(List<Object> values) {
                out.add(values.get(0));
            }

            @Override
            public void reportError(Throwable t) {
                throw new AssertionError(t);
            }
        });
        return out;
    }

    @Test
    void batchesAreCappedAckedOnCommitAndFailedOnReplay() {
        Numbers spout = new Numbers(5);
        RichSpoutBatchSpout batches = new RichSpoutBatchSpout(spout);
        assertEquals(new Fields("n").toList(), batches.getOutputFields().toList());
        batches.open(Map.of(RichSpoutBatchSpout.MAX_BATCH_SIZE_CONF, 2), null);
        assertEquals(List.of(0, 1), emit(batches, 1));
        assertEquals(List.of(2, 3), emit(batches, 2));
        batches.ack(1);
        assertEquals(List.of(0, 1), spout.acked);
        assertEquals(List.of(4), emit(batches, 2), "a replay fails the earlier attempt's tuples and takes new ones");
        assertEquals(List.of(2, 3), spout.failed);
        assertEquals(List.of(), emit(batches, 3), "the spout has nothing more");
        batches.ack(2);
        assertEquals(List.of(0, 1, 4), spout.acked);
    }

    @Test
    void refusesABadBatchSizeAndASpoutWithoutADefaultStream() {
        RichSpoutBatchSpout batches = new RichSpoutBatchSpout(new Numbers(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> batches.open(Map.of(RichSpoutBatchSpout.MAX_BATCH_SIZE_CONF, "lots"), null));
        assertTrue(e.getMessage().contains(RichSpoutBatchSpout.MAX_BATCH_SIZE_CONF), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RichSpoutBatchSpout(new BaseRichSpout() {
            @Override
            public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            }

            @Override
            public void nextTuple() {
            }

            @Override
            public void declareOutputFields(OutputFieldsDeclarer declarer) {
                declarer.declareStream("other", new Fields("x"));
            }
        }));
        assertTrue(e.getMessage().contains("default stream"), e.getMessage());
    }
}
