package io.squall.hdfs.common;

import io.squall.hdfs.bolt.format.RecordFormat;
import io.squall.hdfs.bolt.rotation.FileRotationPolicy;
import io.squall.tuple.Tuple;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.client.HdfsDataOutputStream;

import java.io.IOException;
import java.util.EnumSet;

/** Writes {@link RecordFormat} records to a plain file, for {@link io.squall.hdfs.bolt.HdfsBolt}. */
@SuppressWarnings("checkstyle:AbbreviationAsWordInName")
public class HDFSWriter extends AbstractHDFSWriter {
    private final FSDataOutputStream out;
    private final RecordFormat format;

    /** A writer of the open stream {@code out} to {@code path}. */
    public HDFSWriter(FileRotationPolicy policy, Path path, FSDataOutputStream out, RecordFormat format) {
        super(policy, path);
        this.out = out;
        this.format = format;
    }

    @Override
    protected void doWrite(Tuple tuple) throws IOException {
        byte[] bytes = format.format(tuple);
        out.write(bytes);
        offset += bytes.length;
    }

    @Override
    protected void doSync() throws IOException {
        hsync(out);
    }

    @Override
    protected void doClose() throws IOException {
        out.close();
    }

    /**
     * Makes what was written to {@code out} durable on the DataNodes and, on HDFS, updates the file's length at the
     * NameNode, so that a reader (or a recovery after a crash) sees all of it.
     */
    public static void hsync(FSDataOutputStream out) throws IOException {
        if (out instanceof HdfsDataOutputStream hdfs) {
            hdfs.hsync(EnumSet.of(HdfsDataOutputStream.SyncFlag.UPDATE_LENGTH));
        } else {
            out.hsync();
        }
    }
}
