package io.squall.hdfs.spout;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.io.WritableUtils;
import org.apache.hadoop.util.ReflectionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Reads a Hadoop sequence file; each record is a tuple of two fields, {@link #defaultFields}: the key and the value,
 * as the file's Writable classes (each tuple has its own copies). The offset is the last sync mark before the next
 * record and how many records follow it, {@code {sync=1024:afterSync=3:record=57:}}, which works for files compressed
 * by record or by block alike. A file that is not a sequence file fails to open: the spout moves it to the bad files.
 *
 * @param <KeyT>   the class of the keys
 * @param <ValueT> the class of the values
 */
public class SequenceFileReader<KeyT extends Writable, ValueT extends Writable> extends AbstractFileReader {
    /** The output fields of a sequence file spout: {@code key} and {@code value}. */
    public static final String[] defaultFields = {"key", "value"};
    /** The topology configuration key of the read buffer's size, in bytes (default 4,096). */
    public static final String BUFFER_SIZE = "hdfsspout.reader.buffer.bytes";
    private static final int DEFAULT_BUFF_SIZE = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(SequenceFileReader.class);
    private final SequenceFile.Reader reader;
    private final Configuration hadoop;
    private final Offset offset;
    private final KeyT key;
    private final ValueT value;

    /** Reads {@code file} from its start. */
    public SequenceFileReader(FileSystem fs, Path file, Map<String, Object> conf) throws IOException {
        this(fs, file, conf, new Offset(0, 0, 0));
    }

    /** Reads {@code file} from {@code offset}, an {@link Offset#toString()}. */
    public SequenceFileReader(FileSystem fs, Path file, Map<String, Object> conf, String offset) throws IOException {
        this(fs, file, conf, new Offset(offset));
    }

    @SuppressWarnings("unchecked")
    private SequenceFileReader(FileSystem fs, Path file, Map<String, Object> conf, Offset start) throws IOException {
        super(fs, file);
        this.hadoop = fs.getConf();
        Object buffer = conf == null ? null : conf.get(BUFFER_SIZE);
        int bufferSize = buffer == null ? DEFAULT_BUFF_SIZE : Integer.parseInt(buffer.toString());
        // On a stream of the spout's own file system, not through Hadoop's shared FileSystem cache.
        // A reader of a stream must be told where the file ends.
        long length = fs.getFileStatus(file).getLen();
        FSDataInputStream in = fs.open(file, bufferSize);
        try {
            this.reader = new SequenceFile.Reader(hadoop, SequenceFile.Reader.stream(in),
                    SequenceFile.Reader.length(length));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        try {
            this.key = (KeyT) ReflectionUtils.newInstance(reader.getKeyClass(), hadoop);
            this.value = (ValueT) ReflectionUtils.newInstance(reader.getValueClass(), hadoop);
            this.offset = start.clone();
            reader.sync(start.lastSyncPoint); // Before the header's end: the first record.
            for (long i = 0; i < start.recordsSinceLastSync; i++) {
                if (!reader.next(key)) {
                    throw new IOException(file + " ends before the offset to resume from, " + start);
                }
            }
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    @Override
    public List<Object> next() throws IOException, ParseException {
        long before = reader.getPosition();
        if (!reader.next(key, value)) {
            return null;
        }
        if (reader.syncSeen()) {
            offset.lastSyncPoint = before; // The sync mark's escape starts here: sync(before) finds it.
            offset.recordsSinceLastSync = 1;
        } else {
            offset.recordsSinceLastSync++;
        }
        offset.currentRecord++;
        return List.of(WritableUtils.clone(key, hadoop), WritableUtils.clone(value, hadoop));
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            LOG.warn("Ignoring an error closing {}: {}", getFilePath(), e.toString());
        }
    }

    @Override
    public Offset getFileOffset() {
        return offset.clone();
    }

    /** The last sync mark before the next record, the records between them, and the next record's number. */
    public static class Offset implements FileOffset {
        public long lastSyncPoint;
        public long recordsSinceLastSync;
        public long currentRecord;

        /** The offset {@code recordsSinceLastSync} records after the sync mark at {@code lastSyncPoint}. */
        public Offset(long lastSyncPoint, long recordsSinceLastSync, long currentRecord) {
            this.lastSyncPoint = lastSyncPoint;
            this.recordsSinceLastSync = recordsSinceLastSync;
            this.currentRecord = currentRecord;
        }

        /**
         * Parses {@link #toString()}'s form, or {@code "0"} for the start of the file.
         *
         * @throws IllegalArgumentException naming the string and the form expected
         */
        public Offset(String offset) {
            long[] v = parseOffset(offset, 3, "a sequence file", "{sync=123:afterSync=345:record=67:}");
            if (v != null) {
                this.lastSyncPoint = v[0];
                this.recordsSinceLastSync = v[1];
                this.currentRecord = v[2];
            }
        }

        @Override
        public String toString() {
            return "{sync=" + lastSyncPoint + ":afterSync=" + recordsSinceLastSync + ":record=" + currentRecord + ":}";
        }

        @Override
        public boolean isNextOffset(FileOffset rhs) {
            return rhs instanceof Offset other && other.currentRecord == currentRecord + 1;
        }

        @Override
        public int compareTo(FileOffset o) {
            return Long.compare(currentRecord, ((Offset) o).currentRecord);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Offset other && currentRecord == other.currentRecord;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(currentRecord);
        }

        @Override
        public Offset clone() {
            return new Offset(lastSyncPoint, recordsSinceLastSync, currentRecord);
        }
    }
}
