package io.squall.spout;

import io.squall.tuple.Fields;
import io.squall.tuple.MessageId;
import io.squall.tuple.TupleImpl;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointSpoutStaticsTest {
    @Test
    void isCheckpointTellsTheCheckpointStreamFromOthers() {
        TupleImpl action = new TupleImpl(CheckpointSpout.CHECKPOINT_COMPONENT_ID, CheckpointSpout.CHECKPOINT_STREAM_ID,
                new Fields("txid", "action", "attempt"), 1, new Values(1L, "COMMIT", 1L), MessageId.unanchored());
        TupleImpl word = new TupleImpl("words", "default", new Fields("word"), 2, new Values("w"),
                MessageId.unanchored());
        assertTrue(CheckpointSpout.isCheckpoint(action));
        assertFalse(CheckpointSpout.isCheckpoint(word));
    }
}
