package io.squall.hdfs.common;

import io.squall.hdfs.bolt.format.SequenceFormat;
import io.squall.hdfs.bolt.rotation.FileRotationPolicy;
import io.squall.tuple.Tuple;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.SequenceFile;

import java.io.IOException;

/**
 * Appends {@link SequenceFormat} keys and values to a sequence file, for {@link io.squall.hdfs.bolt.SequenceFileBolt}.
 */
public class SequenceFileWriter extends AbstractHDFSWriter {
    private final SequenceFile.Writer writer;
    private final SequenceFormat format;

    /** A writer of the open sequence file {@code writer} at {@code path}. */
    public SequenceFileWriter(FileRotationPolicy policy, Path path, SequenceFile.Writer writer, SequenceFormat format) {
        super(policy, path);
        this.writer = writer;
        this.format = format;
    }

    @Override
    protected void doWrite(Tuple tuple) throws IOException {
        writer.append(format.key(tuple), format.value(tuple));
        offset = writer.getLength();
    }

    @Override
    protected void doSync() throws IOException {
        writer.hsync();
    }

    @Override
    protected void doClose() throws IOException {
        writer.close();
    }
}
