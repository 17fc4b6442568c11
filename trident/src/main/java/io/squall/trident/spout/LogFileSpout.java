package io.squall.trident.spout;

import io.squall.task.TopologyContext;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.topology.TransactionAttempt;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A transactional spout over append-only log files on local disk, one partition per file (its id is the path): each batch takes up
 * to {@code batchSize} complete lines (ending in a newline) of each file, one tuple {@code [line]} per line, and
 * remembers their byte range with the txid, so a replay emits exactly the same lines. Lines appended later show up
 * in later batches; a last line without its newline waits until it is complete. A missing file is an empty
 * partition until it appears. UTF-8.
 */
public class LogFileSpout implements IPartitionedTridentSpout<Integer, NumberedPartition, OffsetRange> {
    private static final long serialVersionUID = 1L;

    private final List<String> files;
    private final int batchSize;
    private final Fields fields;

    /** A spout over {@code files} with tuples of one field named {@code line}. */
    public LogFileSpout(List<String> files, int batchSize) {
        this(files, batchSize, "line");
    }

    /** A spout over {@code files} with tuples of one field named {@code field}. */
    public LogFileSpout(List<String> files, int batchSize, String field) {
        if (files == null || files.isEmpty()) {
            throw new IllegalArgumentException("LogFileSpout needs at least one file");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("LogFileSpout batchSize must be at least 1, got " + batchSize);
        }
        this.files = List.copyOf(files);
        this.batchSize = batchSize;
        this.fields = new Fields(field);
    }

    @Override
    public Coordinator<Integer> getCoordinator(Map<String, Object> conf, TopologyContext context) {
        return new FixedPartitionsCoordinator(files.size());
    }

    @Override
    public Emitter<Integer, NumberedPartition, OffsetRange> getEmitter(Map<String, Object> conf,
                                                                       TopologyContext context) {
        return new Emitter<>() {
            @Override
            public List<NumberedPartition> getOrderedPartitions(Integer count) {
                List<NumberedPartition> all = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    all.add(new NumberedPartition(i, files.get(i)));
                }
                return all;
            }

            @Override
            public void refreshPartitions(List<NumberedPartition> partitionResponsibilities) {
            }

            @Override
            public OffsetRange emitPartitionBatchNew(TransactionAttempt tx, TridentCollector collector,
                                                     NumberedPartition partition, OffsetRange last) {
                long start = last == null ? 0 : last.end();
                long end = read(partition.index(), start, Long.MAX_VALUE, batchSize, collector);
                return new OffsetRange(start, end);
            }

            @Override
            public void emitPartitionBatch(TransactionAttempt tx, TridentCollector collector,
                                           NumberedPartition partition, OffsetRange range) {
                long end = read(partition.index(), range.start(), range.end(), Integer.MAX_VALUE, collector);
                if (end != range.end()) {
                    throw new IllegalStateException("Log file " + files.get(partition.index()) + " lost bytes "
                            + range.start() + ".." + range.end() + " of batch " + tx + ": log files must only grow");
                }
            }

            @Override
            public void close() {
            }
        };
    }

    /** Emits complete lines from byte {@code start} up to {@code limit} bytes or {@code maxLines}; returns the end. */
    private long read(int partition, long start, long limit, int maxLines, TridentCollector collector) {
        Path path = Paths.get(files.get(partition));
        if (!Files.exists(path)) {
            return start;
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ch.position(start);
            InputStream in = new BufferedInputStream(Channels.newInputStream(ch), 1 << 16);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long pos = start;
            long end = start;
            int lines = 0;
            int b;
            while (lines < maxLines && pos < limit && (b = in.read()) >= 0) {
                pos++;
                if (b == '\n') {
                    collector.emit(new Values(line.toString(StandardCharsets.UTF_8)));
                    line.reset();
                    lines++;
                    end = pos;
                } else {
                    line.write(b);
                }
            }
            return end;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read log file " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return null;
    }

    @Override
    public Fields getOutputFields() {
        return fields;
    }
}
