package io.squall.hdfs.bolt;

import io.squall.hdfs.bolt.format.FileNameFormat;
import io.squall.hdfs.bolt.format.RecordFormat;
import io.squall.hdfs.bolt.rotation.FileRotationPolicy;
import io.squall.hdfs.bolt.sync.SyncPolicy;
import io.squall.hdfs.common.AbstractHDFSWriter;
import io.squall.hdfs.common.HDFSWriter;
import io.squall.hdfs.common.Partitioner;
import io.squall.hdfs.common.rotation.RotationAction;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.tuple.Tuple;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Writes each tuple as a record ({@link RecordFormat}) to text files in HDFS, as Storm's storm-hdfs:
 *
 * <pre>{@code
 * HdfsBolt bolt = new HdfsBolt()
 *         .withFsUrl("hdfs://namenode:8020")
 *         .withFileNameFormat(new DefaultFileNameFormat().withPath("/data/out/"))
 *         .withRecordFormat(new DelimitedRecordFormat().withFieldDelimiter("|"))
 *         .withSyncPolicy(new CountSyncPolicy(1000))
 *         .withRotationPolicy(new FileSizeRotationPolicy(5.0f, Units.MB))
 *         .addRotationAction(new MoveFileAction().toDestination("/data/done/"));
 * }</pre>
 *
 * See {@link AbstractHdfsBolt} for when tuples are acked and what a failure does.
 */
public class HdfsBolt extends AbstractHdfsBolt {
    private static final long serialVersionUID = 1L;
    private RecordFormat format;

    /** The file system, {@code hdfs://namenode:8020} (or {@code file:///} for a local one). */
    public HdfsBolt withFsUrl(String fsUrl) {
        this.fsUrl = fsUrl;
        return this;
    }

    /** The key of the topology configuration's map of Hadoop settings, which override the client's defaults. */
    public HdfsBolt withConfigKey(String configKey) {
        this.configKey = configKey;
        return this;
    }

    /** The directory and names of the files. */
    public HdfsBolt withFileNameFormat(FileNameFormat fileNameFormat) {
        this.fileNameFormat = fileNameFormat;
        return this;
    }

    /** How a tuple becomes bytes. */
    public HdfsBolt withRecordFormat(RecordFormat format) {
        this.format = format;
        return this;
    }

    /** When the files are synced, and so when tuples are acked. */
    public HdfsBolt withSyncPolicy(SyncPolicy syncPolicy) {
        this.syncPolicy = syncPolicy;
        return this;
    }

    /** When a file is closed and the next opened. */
    public HdfsBolt withRotationPolicy(FileRotationPolicy rotationPolicy) {
        this.rotationPolicy = rotationPolicy;
        return this;
    }

    /** Something to do with each file once rotated; actions run in the order added. */
    public HdfsBolt addRotationAction(RotationAction action) {
        this.rotationActions.add(action);
        return this;
    }

    /** How often a tick tuple syncs what is pending (default 15 s, half the default message timeout). */
    public HdfsBolt withTickTupleIntervalSeconds(int interval) {
        this.tickTupleInterval = interval;
        return this;
    }

    /** How many times a sync is tried before the tuples it covers are failed (default 3). */
    public HdfsBolt withRetryCount(int fileRetryCount) {
        this.fileRetryCount = fileRetryCount;
        return this;
    }

    /** Which sub-directory each tuple goes to (default: none). */
    public HdfsBolt withPartitioner(Partitioner partitioner) {
        this.partitioner = partitioner;
        return this;
    }

    /** How many files (partitions) a task keeps open; past it the least recently used is rotated (default 50). */
    public HdfsBolt withMaxOpenFiles(int maxOpenFiles) {
        this.maxOpenFiles = maxOpenFiles;
        return this;
    }

    @Override
    protected void checkSettings(List<String> problems) {
        if (format == null) {
            problems.add("HdfsBolt needs withRecordFormat(new DelimitedRecordFormat())");
        }
    }

    @Override
    protected void doPrepare(Map<String, Object> conf, TopologyContext topologyContext, OutputCollector collector)
            throws IOException {
        fs = FileSystem.newInstance(URI.create(fsUrl), hdfsConfig);
    }

    /** Closes the files as {@link AbstractHdfsBolt#cleanup()}, then the bolt's file system client. */
    @Override
    public void cleanup() {
        super.cleanup();
        closeFileSystem();
    }

    @Override
    protected String getWriterKey(Tuple tuple) {
        return "CONSTANT";
    }

    @Override
    protected AbstractHDFSWriter makeNewWriter(Path path, Tuple tuple) throws IOException {
        return new HDFSWriter(rotationPolicy, path, fs.create(path), format);
    }
}
