package io.squall.hdfs.bolt;

import io.squall.hdfs.bolt.format.FileNameFormat;
import io.squall.hdfs.bolt.format.SequenceFormat;
import io.squall.hdfs.bolt.rotation.FileRotationPolicy;
import io.squall.hdfs.bolt.sync.SyncPolicy;
import io.squall.hdfs.common.AbstractHDFSWriter;
import io.squall.hdfs.common.Partitioner;
import io.squall.hdfs.common.SequenceFileWriter;
import io.squall.hdfs.common.rotation.RotationAction;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.tuple.Tuple;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Writes each tuple as a key and value ({@link SequenceFormat}) to Hadoop sequence files, as Storm's storm-hdfs.
 * Records are compressed one by one ({@code RECORD}) with the {@code default} codec unless
 * {@link #withCompressionType} and {@link #withCompressionCodec} say otherwise. See {@link AbstractHdfsBolt} for
 * when tuples are acked and what a failure does.
 */
public class SequenceFileBolt extends AbstractHdfsBolt {
    private static final long serialVersionUID = 1L;
    private SequenceFormat format;
    private SequenceFile.CompressionType compressionType = SequenceFile.CompressionType.RECORD;
    private String compressionCodec = "default";
    private transient CompressionCodec codec;

    /** A bolt to configure with the {@code with} methods. */
    public SequenceFileBolt() {
    }

    /** The codec's name or class name as Hadoop's {@code CompressionCodecFactory} knows it: deflate, gzip, ... */
    public SequenceFileBolt withCompressionCodec(String codec) {
        this.compressionCodec = codec;
        return this;
    }

    /** The file system, {@code hdfs://namenode:8020} (or {@code file:///} for a local one). */
    public SequenceFileBolt withFsUrl(String fsUrl) {
        this.fsUrl = fsUrl;
        return this;
    }

    /** The key of the topology configuration's map of Hadoop settings, which override the client's defaults. */
    public SequenceFileBolt withConfigKey(String configKey) {
        this.configKey = configKey;
        return this;
    }

    /** The directory and names of the files. */
    public SequenceFileBolt withFileNameFormat(FileNameFormat fileNameFormat) {
        this.fileNameFormat = fileNameFormat;
        return this;
    }

    /** How a tuple becomes a key and a value. */
    public SequenceFileBolt withSequenceFormat(SequenceFormat format) {
        this.format = format;
        return this;
    }

    /** When the files are synced, and so when tuples are acked. */
    public SequenceFileBolt withSyncPolicy(SyncPolicy syncPolicy) {
        this.syncPolicy = syncPolicy;
        return this;
    }

    /** When a file is closed and the next opened. */
    public SequenceFileBolt withRotationPolicy(FileRotationPolicy rotationPolicy) {
        this.rotationPolicy = rotationPolicy;
        return this;
    }

    /** NONE, RECORD (the default) or BLOCK. */
    public SequenceFileBolt withCompressionType(SequenceFile.CompressionType compressionType) {
        this.compressionType = compressionType;
        return this;
    }

    /** How often a tick tuple syncs what is pending (default 15 s, half the default message timeout). */
    public SequenceFileBolt withTickTupleIntervalSeconds(int interval) {
        this.tickTupleInterval = interval;
        return this;
    }

    /** Something to do with each file once rotated; actions run in the order added. */
    public SequenceFileBolt addRotationAction(RotationAction action) {
        this.rotationActions.add(action);
        return this;
    }

    /** How many times a sync is tried before the tuples it covers are failed (default 3). */
    public SequenceFileBolt withRetryCount(int fileRetryCount) {
        this.fileRetryCount = fileRetryCount;
        return this;
    }

    /** Which sub-directory each tuple goes to (default: none). */
    public SequenceFileBolt withPartitioner(Partitioner partitioner) {
        this.partitioner = partitioner;
        return this;
    }

    /** How many files (partitions) a task keeps open; past it the least recently used is rotated (default 50). */
    public SequenceFileBolt withMaxOpenFiles(int maxOpenFiles) {
        this.maxOpenFiles = maxOpenFiles;
        return this;
    }

    @Override
    protected void checkSettings(List<String> problems) {
        if (format == null) {
            problems.add("SequenceFileBolt needs withSequenceFormat(new DefaultSequenceFormat(\"key\", \"value\"))");
        }
        if (compressionCodec == null || (compressionType != SequenceFile.CompressionType.NONE
                && new CompressionCodecFactory(new Configuration()).getCodecByName(compressionCodec) == null)) {
            problems.add("SequenceFileBolt's compression codec '" + compressionCodec + "' is not one Hadoop knows;"
                    + " give withCompressionCodec(\"default\"), deflate, gzip, bzip2, lz4 or snappy");
        }
        if (compressionType == null) {
            problems.add("SequenceFileBolt's withCompressionType must be NONE, RECORD or BLOCK, not null");
        }
    }

    @Override
    protected void doPrepare(Map<String, Object> conf, TopologyContext topologyContext, OutputCollector collector)
            throws IOException {
        codec = new CompressionCodecFactory(hdfsConfig).getCodecByName(compressionCodec);
        if (codec == null && compressionType != SequenceFile.CompressionType.NONE) {
            throw new IllegalArgumentException("SequenceFileBolt's compression codec '" + compressionCodec
                    + "' is not one Hadoop knows; give default, deflate, gzip, bzip2, lz4 or snappy");
        }
        fs = FileSystem.newInstance(URI.create(fsUrl), hdfsConfig);
    }

    @Override
    protected String getWriterKey(Tuple tuple) {
        return "CONSTANT";
    }

    @Override
    protected AbstractHDFSWriter makeNewWriter(Path path, Tuple tuple) throws IOException {
        // On the bolt's own stream: given a path, the writer would open it through Hadoop's shared FileSystem cache,
        // whose instance has the configuration of whoever made it first.
        FSDataOutputStream out = fs.create(path);
        SequenceFile.Writer writer;
        try {
            writer = SequenceFile.createWriter(hdfsConfig, SequenceFile.Writer.stream(out),
                    SequenceFile.Writer.keyClass(format.keyClass()),
                    SequenceFile.Writer.valueClass(format.valueClass()),
                    SequenceFile.Writer.compression(compressionType, codec));
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
        return new SequenceFileWriter(rotationPolicy, path, writer, format) {
            @Override
            protected void doClose() throws IOException {
                try {
                    super.doClose(); // A writer given a stream flushes it but leaves it open.
                } finally {
                    out.close();
                }
            }
        };
    }

    /** Closes the files as {@link AbstractHdfsBolt#cleanup()}, then the bolt's file system client. */
    @Override
    public void cleanup() {
        super.cleanup();
        closeFileSystem();
    }
}
