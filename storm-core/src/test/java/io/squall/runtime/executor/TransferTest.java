package io.squall.runtime.executor;

import io.squall.runtime.acker.AckBatch;
import io.squall.runtime.acker.AckMessage;
import io.squall.runtime.queue.Backpressure;
import io.squall.runtime.queue.ReceiveQueue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TransferTest {
    private final Backpressure bp = new Backpressure();
    private final ReceiveQueue acker = new ReceiveQueue("acker", 64, 0.99, 0.5, bp);
    private final ReceiveQueue spout = new ReceiveQueue("spout", 64, 0.99, 0.5, bp);
    /** Task 1 is the acker, task 2 the spout; task 0 does not exist. */
    private final Transfer transfer = new Transfer(new ReceiveQueue[] {null, acker, spout}, 4);

    private static List<Object> drain(ReceiveQueue q) throws Exception {
        List<Object> got = new ArrayList<>();
        q.drain((task, m) -> got.add(m));
        return got;
    }

    @Test
    void collectsAckerMessagesIntoOneBatchPerTaskUntilTheFlush() throws Exception {
        transfer.sendAck(1, AckBatch.INIT, 10, 7, 2);
        transfer.sendAck(2, AckBatch.ACKED, 11, 0, -1);
        transfer.sendAck(1, AckBatch.UPDATE, 10, 7, -1);
        assertEquals(0, acker.population() + spout.population(), "held until the flush");
        assertEquals(2, transfer.flush(), "one queue message per task");
        List<Object> got = drain(acker);
        assertEquals(1, got.size());
        AckBatch b = assertInstanceOf(AckBatch.class, got.get(0));
        assertEquals(2, b.size());
        assertEquals(new AckMessage.Init(10, 7, 2), b.message(0));
        assertEquals(new AckMessage.Update(10, 7), b.message(1));
        assertEquals(List.of(new AckMessage.Result(11, false, -1)),
                List.of(((AckBatch) drain(spout).get(0)).message(0)));
        assertEquals(2, transfer.sentTo(1), "each message counts, not each batch");
        assertEquals(0, transfer.flush(), "nothing left");
    }

    @Test
    void handsOffAFullBatchAndKeepsTheOrderOfTheMessages() throws Exception {
        for (int i = 1; i <= 6; i++) {
            transfer.sendAck(1, AckBatch.UPDATE, i, i, -1);
        }
        transfer.flush();
        List<Long> roots = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (Object m : drain(acker)) {
            AckBatch b = (AckBatch) m;
            sizes.add(b.size());
            for (int i = 0; i < b.size(); i++) {
                roots.add(b.root(i));
            }
        }
        assertEquals(List.of(4, 2), sizes, "a batch is handed off when it holds the producer batch size");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), roots);
    }

    @Test
    void refusesATaskThatDoesNotExist() {
        assertThrows(IllegalArgumentException.class, () -> transfer.sendAck(0, AckBatch.UPDATE, 1, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> transfer.sendAck(5, AckBatch.UPDATE, 1, 1, -1));
    }

    @Test
    void fillsARecycledBatchAgainInsteadOfMakingANewOne() throws Exception {
        transfer.sendAck(1, AckBatch.UPDATE, 1, 1, -1);
        transfer.flush();
        AckBatch first = (AckBatch) drain(acker).get(0);
        first.recycle();
        assertEquals(0, first.size(), "a recycled batch is empty");
        transfer.sendAck(1, AckBatch.UPDATE, 2, 2, -1);
        transfer.flush();
        AckBatch second = (AckBatch) drain(acker).get(0);
        assertSame(first, second);
        assertEquals(List.of(new AckMessage.Update(2, 2)), List.of(second.message(0)));
    }
}
