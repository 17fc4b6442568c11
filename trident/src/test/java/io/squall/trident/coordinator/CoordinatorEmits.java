package io.squall.trident.coordinator;

import io.squall.spout.ISpoutOutputCollector;
import io.squall.spout.SpoutOutputCollector;

import java.util.List;

/** What a {@link MasterBatchCoordinator} under test emits, recorded in order; its tests drive it by hand. */
public final class CoordinatorEmits {
    private CoordinatorEmits() {
    }

    /** One emit of the coordinator: its stream, the transaction id it carries, and its message id. */
    public record Emit(String stream, long txid, Object msgId) {
    }

    /** A collector that appends each emit to {@code emits} and fails the test on direct emits and reported errors. */
    public static SpoutOutputCollector recordingInto(List<Emit> emits) {
        return new SpoutOutputCollector(new ISpoutOutputCollector() {
            @Override
            public List<Integer> emit(String streamId, List<Object> tuple, Object messageId) {
                emits.add(new Emit(streamId, ((Number) tuple.get(0)).longValue(), messageId));
                return List.of();
            }

            @Override
            public void emitDirect(int taskId, String streamId, List<Object> tuple, Object messageId) {
                throw new AssertionError("no direct emits");
            }

            @Override
            public void reportError(Throwable error) {
                throw new AssertionError(error);
            }

            @Override
            public long getPendingCount() {
                return 0;
            }
        });
    }
}
