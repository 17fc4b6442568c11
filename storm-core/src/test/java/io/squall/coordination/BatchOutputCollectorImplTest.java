package io.squall.coordination;

import io.squall.task.IOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.tuple.Tuple;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BatchOutputCollectorImplTest {
    /** Counts flushes and takes everything else. */
    static final class Flushes implements IOutputCollector {
        int flushes;

        @Override
        public List<Integer> emit(String streamId, Collection<Tuple> anchors, List<Object> tuple) {
            return List.of();
        }

        @Override
        public void emitDirect(int taskId, String streamId, Collection<Tuple> anchors, List<Object> tuple) {
        }

        @Override
        public void ack(Tuple input) {
        }

        @Override
        public void fail(Tuple input) {
        }

        @Override
        public void resetTimeout(Tuple input) {
        }

        @Override
        public void reportError(Throwable error) {
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    @Test
    void aBatchBoltsFlushReachesTheBoltsCollector() {
        Flushes under = new Flushes();
        BatchOutputCollector batch = new BatchOutputCollectorImpl(new OutputCollector(under));
        batch.flush();
        batch.flush();
        assertEquals(2, under.flushes);
    }
}
