package io.squall.trident.spout;

import io.squall.trident.operation.TridentCollector;
import io.squall.trident.topology.TransactionAttempt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogFileSpoutTest {
    @TempDir
    Path dir;

    private static final class Lines implements TridentCollector {
        final List<Object> lines = new ArrayList<>();

        @Override
        public void emit(List<Object> values) {
            lines.add(values.get(0));
        }

        @Override
        public void reportError(Throwable t) {
            throw new AssertionError(t);
        }
    }

    private static final TransactionAttempt TX = new TransactionAttempt(1L, 0);
    private static final NumberedPartition P0 = new NumberedPartition(0);

    @Test
    void eachFileIsAPartitionNamedByItsPath() {
        LogFileSpout spout = new LogFileSpout(List.of("a.log", "b.log", "c.log"), 1);
        assertEquals(3, spout.getCoordinator(null, null).getPartitionsForBatch());
        IPartitionedTridentSpout.Emitter<Integer, NumberedPartition, OffsetRange> e = spout.getEmitter(null, null);
        List<NumberedPartition> all = e.getOrderedPartitions(3);
        assertEquals(List.of("a.log", "b.log", "c.log"), all.stream().map(NumberedPartition::getId).toList());
        assertEquals(List.of("a.log", "c.log"),
                e.getPartitionsForTask(0, 2, all).stream().map(NumberedPartition::getId).toList());
        assertEquals(List.of("b.log"), e.getPartitionsForTask(1, 2, all).stream().map(NumberedPartition::getId).toList());
    }

    @Test
    void batchesCompleteLinesAndReplaysARangeExactly() throws IOException {
        Path f = dir.resolve("a.log");
        Files.writeString(f, "one\ntwo\nthree\nfour\nfiv", StandardCharsets.UTF_8);
        IPartitionedTridentSpout.Emitter<Integer, NumberedPartition, OffsetRange> e = new LogFileSpout(List.of(f.toString()), 3)
                .getEmitter(null, null);
        Lines first = new Lines();
        OffsetRange r1 = e.emitPartitionBatchNew(TX, first, P0, null);
        assertEquals(List.of("one", "two", "three"), first.lines);
        Lines second = new Lines();
        OffsetRange r2 = e.emitPartitionBatchNew(TX, second, P0, r1);
        assertEquals(List.of("four"), second.lines, "the unfinished last line waits");
        Files.writeString(f, "e\nsix\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Lines third = new Lines();
        e.emitPartitionBatchNew(TX, third, P0, r2);
        assertEquals(List.of("five", "six"), third.lines);
        Lines replay = new Lines();
        e.emitPartitionBatch(TX, replay, P0, r1);
        assertEquals(first.lines, replay.lines);
    }

    @Test
    void aMissingFileIsAnEmptyPartitionUntilItAppears() throws IOException {
        Path f = dir.resolve("later.log");
        IPartitionedTridentSpout.Emitter<Integer, NumberedPartition, OffsetRange> e = new LogFileSpout(List.of(f.toString()), 10)
                .getEmitter(null, null);
        Lines none = new Lines();
        OffsetRange r = e.emitPartitionBatchNew(TX, none, P0, null);
        assertTrue(none.lines.isEmpty());
        Files.writeString(f, "hello\n", StandardCharsets.UTF_8);
        Lines some = new Lines();
        e.emitPartitionBatchNew(TX, some, P0, r);
        assertEquals(List.of("hello"), some.lines);
    }

    @Test
    void aTruncatedFileFailsTheReplayNamingTheFile() throws IOException {
        Path f = dir.resolve("t.log");
        Files.writeString(f, "one\ntwo\n", StandardCharsets.UTF_8);
        IPartitionedTridentSpout.Emitter<Integer, NumberedPartition, OffsetRange> e = new LogFileSpout(List.of(f.toString()), 10)
                .getEmitter(null, null);
        OffsetRange r = e.emitPartitionBatchNew(TX, new Lines(), P0, null);
        Files.writeString(f, "on", StandardCharsets.UTF_8);
        IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> e.emitPartitionBatch(TX, new Lines(), P0, r));
        assertTrue(ex.getMessage().contains(f.toString()), ex.getMessage());
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new LogFileSpout(List.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> new LogFileSpout(List.of("x"), 0));
    }
}
