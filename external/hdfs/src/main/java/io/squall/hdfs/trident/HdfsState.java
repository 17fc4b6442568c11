package io.squall.hdfs.trident;

import io.squall.Config;
import io.squall.hdfs.common.HDFSWriter;
import io.squall.hdfs.common.HdfsConfigs;
import io.squall.hdfs.common.rotation.RotationAction;
import io.squall.hdfs.trident.format.FileNameFormat;
import io.squall.hdfs.trident.format.RecordFormat;
import io.squall.hdfs.trident.format.SequenceFormat;
import io.squall.hdfs.trident.rotation.FileRotationPolicy;
import io.squall.task.IMetricsContext;
import io.squall.topology.ReportedFailedException;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.operation.TridentOperationContext;
import io.squall.trident.state.State;
import io.squall.trident.tuple.TridentTuple;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.util.ReflectionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Trident state that appends each batch to a file in HDFS, as Storm's storm-hdfs: {@code partitionPersist(new
 * HdfsStateFactory().withOptions(options), fields, new HdfsUpdater())}, one file at a time per partition.
 *
 * <p><b>Each batch once in the files.</b> At {@code beginCommit} the state records in an index file
 * ({@code .index.<topology>.<partition>} in the files' directory) the batch's id and the file and offset its data
 * starts at; at {@code commit} it syncs (hsync) the file, or rotates it when the rotation policy says so. A batch
 * replayed after a failure (HDFS away, the worker restarted) finds its id in the index: the state copies the file up
 * to the recorded offset into a new file and deletes the old one, dropping what the failed attempt wrote, and then
 * writes the batch again. Any failure throws a {@link ReportedFailedException}: the batch fails, is reported, and is
 * replayed; the worker goes on. The index of an earlier run of the topology is left alone (its batches' data stays).
 *
 * <p><b>Threads.</b> Made and used on the partition's task thread only.
 */
public class HdfsState implements State, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HdfsState.class);
    private final Options options;
    private Path indexFilePath;
    private String runId;
    private String name;
    /** The index of the previous process of this run, read at the first batch; null once used. */
    private TxnRecord recovered;
    private boolean indexRead;
    /** What is durable and complete: the file and size at the last commit, or null before the first. */
    private TxnRecord committed;
    /** A write, sync or rotation failed: the next batch starts from {@link #committed} in a new file. */
    private boolean broken;
    /** Why the state cannot write at all (a setting found wrong on the worker), or null. */
    private String misconfiguration;

    HdfsState(Options options) {
        this.options = options;
    }

    void prepare(Map<String, Object> conf, IMetricsContext metrics, int partitionIndex, int numPartitions) {
        Object topology = conf.get(Config.TOPOLOGY_NAME);
        this.runId = metrics instanceof TridentOperationContext c ? c.getTopologyContext().getStormId()
                : String.valueOf(topology);
        this.name = "HdfsState of partition " + partitionIndex;
        try {
            options.prepare(conf, partitionIndex, numPartitions);
        } catch (RuntimeException e) {
            misconfiguration = e.getMessage();
            LOG.error("{} cannot write to HDFS: {}", name, misconfiguration);
        }
        this.indexFilePath = new Path(options.fileNameFormat.getPath(),
                String.format(".index.%s.%d", topology, partitionIndex));
    }

    private ReportedFailedException failed(String what, Exception e) {
        broken = true;
        String message = name + " " + what + " (" + e + "); the batch fails and is replayed";
        LOG.warn(message);
        return new ReportedFailedException(message, e);
    }

    /**
     * Records where the batch starts; first, after a failure or for a batch replayed after a restart, drops what the
     * failed attempt wrote.
     *
     * @throws ReportedFailedException when HDFS fails: the batch is replayed
     */
    @Override
    public void beginCommit(Long txId) {
        if (misconfiguration != null) {
            throw new ReportedFailedException(name + " cannot write to HDFS: " + misconfiguration);
        }
        try {
            options.connect();
            if (!indexRead) {
                recovered = readIndex();
                indexRead = true;
            }
            TxnRecord from = null;
            if (broken) {
                LOG.info("{} starts batch {} in a new file from {} after a failure", name, txId, committed);
                from = committed;
            } else if (recovered != null && recovered.txid == txId && runId.equals(recovered.runId)) {
                LOG.info("{}: batch {} is replayed after a restart; recovering {}", name, txId, recovered);
                from = recovered;
            }
            if (broken || from != null) {
                options.recover(from);
                // The source file is gone now: what is committed is in the new one.
                committed = new TxnRecord(txId - 1, options.currentFile.toString(), options.getCurrentOffset(), runId);
            } else if (options.currentFile == null) {
                options.openNewFile();
            }
            recovered = null;
            broken = false;
            writeIndex(new TxnRecord(txId, options.currentFile.toString(), options.getCurrentOffset(), runId));
        } catch (IOException | RuntimeException e) {
            throw failed("could not start batch " + txId, e);
        }
    }

    /**
     * Syncs the batch, or rotates the file.
     *
     * @throws ReportedFailedException when HDFS fails: the batch is replayed
     */
    @Override
    public void commit(Long txId) {
        try {
            options.doCommit(txId);
            committed = new TxnRecord(txId, options.currentFile.toString(), options.getCurrentOffset(), runId);
        } catch (IOException | RuntimeException e) {
            throw failed("could not commit batch " + txId, e);
        }
    }

    /**
     * Appends the tuples of a batch; {@link HdfsUpdater} calls it.
     *
     * @throws ReportedFailedException when HDFS fails or a tuple cannot be formatted: the batch is replayed
     */
    public void updateState(List<TridentTuple> tuples, TridentCollector tridentCollector) {
        try {
            options.execute(tuples);
        } catch (IOException | RuntimeException e) {
            throw failed("could not write a batch of " + tuples.size() + " tuples to " + options.currentFile, e);
        }
    }

    /** Closes the current file (the worker is stopping); its last batch was synced at its commit. */
    @Override
    public void close() {
        options.closeQuietly();
        options.disconnect();
    }

    private TxnRecord readIndex() throws IOException {
        for (Path p : List.of(indexFilePath, tmp(indexFilePath))) {
            if (options.fs.exists(p)) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(options.fs.open(p),
                        StandardCharsets.UTF_8))) {
                    TxnRecord rec = TxnRecord.parse(r.readLine());
                    if (rec != null) {
                        return rec;
                    }
                }
            }
        }
        return null;
    }

    private static Path tmp(Path index) {
        return new Path(index.toString() + ".tmp");
    }

    // Written to a temporary file and renamed over the index, so that a crash leaves one whole record or the other.
    private void writeIndex(TxnRecord rec) throws IOException {
        Path tmp = tmp(indexFilePath);
        try (FSDataOutputStream out = options.fs.create(tmp, true)) {
            out.write((rec + "\n").getBytes(StandardCharsets.UTF_8));
            out.hsync();
        }
        options.fs.delete(indexFilePath, false);
        if (!options.fs.rename(tmp, indexFilePath)) {
            throw new IOException("could not rename " + tmp + " to " + indexFilePath);
        }
    }

    /** A batch's id and where its data starts, for the run that wrote it. */
    record TxnRecord(long txid, String dataFilePath, long offset, String runId) {
        @Override
        public String toString() {
            return txid + "," + dataFilePath + "," + offset + "," + runId;
        }

        static TxnRecord parse(String line) {
            if (line == null) {
                return null;
            }
            int first = line.indexOf(',');
            int last = line.lastIndexOf(',');
            int beforeLast = first < last ? line.lastIndexOf(',', last - 1) : -1;
            if (first < 0 || beforeLast <= first) {
                return null;
            }
            try {
                return new TxnRecord(Long.parseLong(line.substring(0, first)), line.substring(first + 1, beforeLast),
                        Long.parseLong(line.substring(beforeLast + 1, last)), line.substring(last + 1));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** What the state writes and how: {@link HdfsFileOptions} or {@link SequenceFileOptions}. */
    public abstract static class Options implements Serializable {
        private static final long serialVersionUID = 1L;
        protected String fsUrl;
        protected String configKey;
        protected FileRotationPolicy rotationPolicy;
        protected FileNameFormat fileNameFormat;
        protected ArrayList<RotationAction> rotationActions = new ArrayList<>();
        protected int rotation;
        protected transient FileSystem fs;
        protected transient Configuration hdfsConfig;
        private transient Path currentFile;

        abstract void closeOutputFile() throws IOException;

        /** Opens {@code path} for writing. */
        abstract void createOutputFile(Path path) throws IOException;

        abstract void execute(List<TridentTuple> tuples) throws IOException;

        abstract void doPrepare(Map<String, Object> conf, int partitionIndex, int numPartitions);

        abstract long getCurrentOffset() throws IOException;

        /** Makes the open file durable. */
        abstract void sync() throws IOException;

        /** Appends the first {@code numberOfBytes} of {@code srcPath}'s data to the open file. */
        abstract void doRecover(Path srcPath, long numberOfBytes) throws IOException;

        /** Adds what is wrong with the settings to {@code problems}, each naming the method that fixes it. */
        void checkSettings(List<String> problems) {
            String name = getClass().getSimpleName();
            if (fsUrl == null || fsUrl.isBlank()) {
                problems.add(name + " needs the file system's URL: withFsUrl(\"hdfs://namenode:8020\")");
            }
            if (fileNameFormat == null) {
                problems.add(name + " needs withFileNameFormat(new DefaultFileNameFormat().withPath(\"/dir/\"))");
            }
            if (rotationPolicy == null) {
                problems.add(name + " needs withRotationPolicy(new FileSizeRotationPolicy(5.0f, Units.MB)), or"
                        + " new NoRotationPolicy()");
            }
        }

        void prepare(Map<String, Object> conf, int partitionIndex, int numPartitions) {
            fileNameFormat.prepare(conf, partitionIndex, numPartitions);
            hdfsConfig = HdfsConfigs.fromTopologyConf(conf, configKey);
            doPrepare(conf, partitionIndex, numPartitions);
            rotationPolicy.start();
        }

        void connect() throws IOException {
            if (fs == null) {
                fs = FileSystem.newInstance(URI.create(fsUrl), hdfsConfig);
            }
        }

        void disconnect() {
            if (fs != null) {
                try {
                    fs.close();
                } catch (IOException e) {
                    LOG.debug("closing the file system client: {}", e.toString());
                }
                fs = null;
            }
        }

        void openNewFile() throws IOException {
            Path path = new Path(fsUrl + fileNameFormat.getPath(),
                    fileNameFormat.getName(rotation++, System.currentTimeMillis()));
            createOutputFile(path);
            currentFile = path;
        }

        void closeQuietly() {
            if (currentFile == null) {
                return;
            }
            try {
                closeOutputFile();
            } catch (IOException | RuntimeException e) {
                LOG.info("dropped {} without closing it: {}", currentFile, e.toString());
            }
            currentFile = null;
        }

        /** Syncs the batch; rotates the file when the policy says so. */
        void doCommit(Long txId) throws IOException {
            sync();
            if (!rotationPolicy.mark(getCurrentOffset())) {
                return;
            }
            // The next file first: if it cannot be made, the batch is replayed into a copy of this one, as durable.
            Path done = currentFile;
            FileSystemSwitch next = new FileSystemSwitch();
            openNewFileKeeping(next);
            try {
                next.closePrevious();
            } catch (IOException e) {
                LOG.warn("could not close {} (its data is synced; HDFS completes it when its lease expires): {}",
                        done, e.toString());
                rotationPolicy.reset();
                return;
            }
            for (RotationAction action : rotationActions) {
                try {
                    action.execute(fs, done);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("rotation action {} failed on {}: {}", action.getClass().getSimpleName(), done,
                            e.toString());
                }
            }
            rotationPolicy.reset();
            LOG.info("rotated {}", done);
        }

        /** Opens a new file while keeping the current writer in {@code previous}, for it to be closed after. */
        abstract void openNewFileKeeping(FileSystemSwitch previous) throws IOException;

        /**
         * Starts a new file holding the first {@code from.offset} bytes of {@code from}'s file (none if null), and
         * deletes the file the failed attempt wrote to.
         */
        void recover(TxnRecord from) throws IOException {
            Path broken = currentFile;
            closeQuietly();
            rotationPolicy.reset();
            openNewFile();
            Path source = from == null || from.dataFilePath.isEmpty() ? null : new Path(from.dataFilePath);
            if (source != null && fs.exists(source)) {
                if (from.offset > 0) {
                    doRecover(source, from.offset);
                    sync();
                    LOG.info("recovered {} bytes of {} into {}", from.offset, source, currentFile);
                }
                fs.delete(source, false);
            }
            if (broken != null && !broken.equals(source) && fs.exists(broken)) {
                fs.delete(broken, false); // Nothing of it was committed.
            }
        }
    }

    /** The writer of a file being rotated away, kept until the next file is open. */
    static final class FileSystemSwitch {
        private AutoCloseable previous;

        void keep(AutoCloseable writer) {
            this.previous = writer;
        }

        void closePrevious() throws IOException {
            try {
                previous.close();
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }

    /** Writes {@link RecordFormat} records to text files. */
    public static class HdfsFileOptions extends Options {
        private static final long serialVersionUID = 1L;
        protected RecordFormat format;
        private int bufferSize = 131072;
        private transient FSDataOutputStream out;
        private transient long offset;

        /** The file system, {@code hdfs://namenode:8020}. */
        public HdfsFileOptions withFsUrl(String fsUrl) {
            this.fsUrl = fsUrl;
            return this;
        }

        /** The key of the topology configuration's map of Hadoop settings. */
        public HdfsFileOptions withConfigKey(String configKey) {
            this.configKey = configKey;
            return this;
        }

        /** The directory and names of the files. */
        public HdfsFileOptions withFileNameFormat(FileNameFormat fileNameFormat) {
            this.fileNameFormat = fileNameFormat;
            return this;
        }

        /** How a tuple becomes bytes. */
        public HdfsFileOptions withRecordFormat(RecordFormat format) {
            this.format = format;
            return this;
        }

        /** When a file is closed and the next opened (checked at each commit). */
        public HdfsFileOptions withRotationPolicy(FileRotationPolicy rotationPolicy) {
            this.rotationPolicy = rotationPolicy;
            return this;
        }

        /** The buffer of a recovery's copy, at least 4 KiB (default 128 KiB). */
        public HdfsFileOptions withBufferSize(int sizeInBytes) {
            this.bufferSize = Math.max(4096, sizeInBytes);
            return this;
        }

        /** Something to do with each file once rotated. */
        @Deprecated
        public HdfsFileOptions addRotationAction(RotationAction action) {
            this.rotationActions.add(action);
            return this;
        }

        @Override
        void checkSettings(List<String> problems) {
            super.checkSettings(problems);
            if (format == null) {
                problems.add("HdfsFileOptions needs withRecordFormat(new DelimitedRecordFormat())");
            }
        }

        @Override
        void doPrepare(Map<String, Object> conf, int partitionIndex, int numPartitions) {
        }

        @Override
        long getCurrentOffset() {
            return offset;
        }

        @Override
        void sync() throws IOException {
            HDFSWriter.hsync(out);
        }

        @Override
        void doRecover(Path srcPath, long numberOfBytes) throws IOException {
            byte[] buf = new byte[bufferSize];
            long left = numberOfBytes;
            try (FSDataInputStream in = fs.open(srcPath)) {
                while (left > 0) {
                    int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                    if (n < 0) {
                        throw new IOException(srcPath + " holds fewer than the " + numberOfBytes + " bytes committed");
                    }
                    out.write(buf, 0, n);
                    left -= n;
                }
            }
            offset = numberOfBytes;
        }

        @Override
        void closeOutputFile() throws IOException {
            out.close();
        }

        @Override
        void createOutputFile(Path path) throws IOException {
            out = fs.create(path);
            offset = 0;
        }

        @Override
        void openNewFileKeeping(FileSystemSwitch previous) throws IOException {
            FSDataOutputStream old = out;
            openNewFile();
            previous.keep(old);
        }

        @Override
        void execute(List<TridentTuple> tuples) throws IOException {
            for (TridentTuple tuple : tuples) {
                byte[] bytes = format.format(tuple);
                out.write(bytes);
                offset += bytes.length;
            }
        }
    }

    /** Writes {@link SequenceFormat} keys and values to sequence files. */
    public static class SequenceFileOptions extends Options {
        private static final long serialVersionUID = 1L;
        private SequenceFormat format;
        private SequenceFile.CompressionType compressionType = SequenceFile.CompressionType.RECORD;
        private String compressionCodec = "default";
        private transient CompressionCodec codec;
        private transient SequenceFile.Writer writer;
        private transient FSDataOutputStream out;

        /** The codec's name as Hadoop's {@code CompressionCodecFactory} knows it (default {@code default}). */
        public SequenceFileOptions withCompressionCodec(String codec) {
            this.compressionCodec = codec;
            return this;
        }

        /** The file system, {@code hdfs://namenode:8020}. */
        public SequenceFileOptions withFsUrl(String fsUrl) {
            this.fsUrl = fsUrl;
            return this;
        }

        /** The key of the topology configuration's map of Hadoop settings. */
        public SequenceFileOptions withConfigKey(String configKey) {
            this.configKey = configKey;
            return this;
        }

        /** The directory and names of the files. */
        public SequenceFileOptions withFileNameFormat(FileNameFormat fileNameFormat) {
            this.fileNameFormat = fileNameFormat;
            return this;
        }

        /** How a tuple becomes a key and a value. */
        public SequenceFileOptions withSequenceFormat(SequenceFormat format) {
            this.format = format;
            return this;
        }

        /** When a file is closed and the next opened (checked at each commit). */
        public SequenceFileOptions withRotationPolicy(FileRotationPolicy rotationPolicy) {
            this.rotationPolicy = rotationPolicy;
            return this;
        }

        /** NONE, RECORD (the default) or BLOCK. */
        public SequenceFileOptions withCompressionType(SequenceFile.CompressionType compressionType) {
            this.compressionType = compressionType;
            return this;
        }

        /** Something to do with each file once rotated. */
        public SequenceFileOptions addRotationAction(RotationAction action) {
            this.rotationActions.add(action);
            return this;
        }

        @Override
        void checkSettings(List<String> problems) {
            super.checkSettings(problems);
            if (format == null) {
                problems.add("SequenceFileOptions needs withSequenceFormat(new DefaultSequenceFormat(\"key\","
                        + " \"value\"))");
            }
            if (compressionType == null) {
                problems.add("SequenceFileOptions' withCompressionType must be NONE, RECORD or BLOCK, not null");
            } else if (compressionType != SequenceFile.CompressionType.NONE && (compressionCodec == null
                    || new CompressionCodecFactory(new Configuration()).getCodecByName(compressionCodec) == null)) {
                problems.add("SequenceFileOptions' compression codec '" + compressionCodec + "' is not one Hadoop"
                        + " knows; give default, deflate, gzip, bzip2, lz4 or snappy");
            }
        }

        @Override
        void doPrepare(Map<String, Object> conf, int partitionIndex, int numPartitions) {
            codec = new CompressionCodecFactory(hdfsConfig).getCodecByName(compressionCodec);
        }

        @Override
        long getCurrentOffset() throws IOException {
            return writer.getLength();
        }

        @Override
        void sync() throws IOException {
            writer.hsync();
        }

        @Override
        void doRecover(Path srcPath, long numberOfBytes) throws IOException {
            try (FSDataInputStream in = fs.open(srcPath);
                 SequenceFile.Reader reader = new SequenceFile.Reader(hdfsConfig, SequenceFile.Reader.stream(in),
                         SequenceFile.Reader.length(numberOfBytes))) {
                Writable key = (Writable) ReflectionUtils.newInstance(reader.getKeyClass(), hdfsConfig);
                Writable value = (Writable) ReflectionUtils.newInstance(reader.getValueClass(), hdfsConfig);
                while (reader.next(key, value)) {
                    writer.append(key, value);
                }
            }
        }

        @Override
        void closeOutputFile() throws IOException {
            closeWriter(writer, out);
        }

        private static void closeWriter(SequenceFile.Writer w, FSDataOutputStream stream) throws IOException {
            try {
                w.close(); // A writer given a stream flushes it but leaves it open.
            } finally {
                stream.close();
            }
        }

        @Override
        void createOutputFile(Path path) throws IOException {
            // On the state's own stream: given a path, the writer opens it through Hadoop's shared FileSystem cache.
            FSDataOutputStream stream = fs.create(path);
            try {
                writer = SequenceFile.createWriter(hdfsConfig, SequenceFile.Writer.stream(stream),
                        SequenceFile.Writer.keyClass(format.keyClass()),
                        SequenceFile.Writer.valueClass(format.valueClass()),
                        SequenceFile.Writer.compression(compressionType, codec));
            } catch (IOException | RuntimeException e) {
                stream.close();
                throw e;
            }
            out = stream;
        }

        @Override
        void openNewFileKeeping(FileSystemSwitch previous) throws IOException {
            SequenceFile.Writer oldWriter = writer;
            FSDataOutputStream oldOut = out;
            openNewFile();
            previous.keep(() -> closeWriter(oldWriter, oldOut));
        }

        @Override
        void execute(List<TridentTuple> tuples) throws IOException {
            for (TridentTuple tuple : tuples) {
                writer.append(format.key(tuple), format.value(tuple));
            }
        }
    }
}
