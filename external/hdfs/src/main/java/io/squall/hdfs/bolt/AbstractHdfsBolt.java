package io.squall.hdfs.bolt;

import io.squall.hdfs.bolt.format.FileNameFormat;
import io.squall.hdfs.bolt.rotation.FileRotationPolicy;
import io.squall.hdfs.bolt.rotation.TimedRotationPolicy;
import io.squall.hdfs.bolt.sync.SyncPolicy;
import io.squall.hdfs.common.HdfsConfigs;
import io.squall.hdfs.common.HdfsException;
import io.squall.hdfs.common.NullPartitioner;
import io.squall.hdfs.common.Partitioner;
import io.squall.hdfs.common.rotation.RotationAction;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichBolt;
import io.squall.tuple.Tuple;
import io.squall.utils.TupleUtils;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link HdfsBolt} and {@link SequenceFileBolt} share: files per partition, sync and rotation, and the acks.
 *
 * <p><b>At least once.</b> A tuple is acked only once the data it carries is synced (hsync) to HDFS: when the sync
 * policy says so, at each tick tuple (every {@code withTickTupleIntervalSeconds}, 15 s by default), and before a
 * file is rotated or closed. A tuple that cannot be written, and every tuple written since the last sync when a sync
 * fails {@code withRetryCount} times, is failed, so that its spout replays it; the error is reported. After such a
 * failure the bolt drops its open files (their synced data stays in HDFS) and opens new ones, and for a second fails
 * new tuples at once rather than wait on an HDFS that is away. Nothing throws out of the bolt: a worker never dies
 * of HDFS. A tuple written but not synced when the bolt failed may therefore be in a file twice after its replay.
 *
 * <p><b>Threads.</b> Everything runs on the bolt's executor thread, timed rotation included (checked at each tuple
 * and at tick tuples); no timer thread touches the files.
 */
public abstract class AbstractHdfsBolt extends BaseRichBolt {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AbstractHdfsBolt.class);
    private static final int DEFAULT_RETRY_COUNT = 3;
    /** Half of the default message timeout, so that a quiet bolt's tuples are acked before they time out. */
    private static final int DEFAULT_TICK_TUPLE_INTERVAL_SECS = 15;
    private static final int DEFAULT_MAX_OPEN_FILES = 50;
    /** How long after a failure new tuples are failed without trying HDFS. */
    private static final long OUTAGE_BACKOFF_MILLIS = 1000;

    protected String fsUrl;
    protected String configKey;
    protected FileNameFormat fileNameFormat;
    protected SyncPolicy syncPolicy;
    protected FileRotationPolicy rotationPolicy;
    protected List<RotationAction> rotationActions = new ArrayList<>();
    protected Partitioner partitioner = new NullPartitioner();
    protected int fileRetryCount = DEFAULT_RETRY_COUNT;
    protected int tickTupleInterval = DEFAULT_TICK_TUPLE_INTERVAL_SECS;
    protected int maxOpenFiles = DEFAULT_MAX_OPEN_FILES;

    protected transient OutputCollector collector;
    protected transient FileSystem fs;
    protected transient Configuration hdfsConfig;
    /** The open files by writer key and partition, least recently used first. */
    protected transient LinkedHashMap<String, Writer> writers;
    /** How many files each partition opened so far: the rotation number of its next. */
    protected transient Map<String, Integer> rotationCounterMap;
    private transient List<Tuple> unsynced;
    private transient String componentId;
    private transient Map<String, Object> topologyConf;
    private transient TopologyContext context;
    /** Why the bolt cannot write at all (a setting), or null. */
    private transient String misconfiguration;
    private transient long failFastUntilMillis;
    private transient long nextTimedRotationMillis;

    /**
     * Called once from {@code prepare}, after the Hadoop configuration is built: opens {@link #fs}. When it throws,
     * the bolt reports the error, fails its tuples and calls it again a second later.
     */
    protected abstract void doPrepare(Map<String, Object> conf, TopologyContext topologyContext,
                                      OutputCollector collector) throws IOException;

    /** Tuples of different keys go to different files (in the same directory). */
    protected abstract String getWriterKey(Tuple tuple);

    /** Opens a new file at {@code path} for {@code tuple}'s key. */
    protected abstract Writer makeNewWriter(Path path, Tuple tuple) throws IOException;

    /**
     * Adds what is wrong with the subclass's own settings to {@code problems}, each naming the method that sets it.
     */
    protected void checkSettings(List<String> problems) {
    }

    /** Every problem with the bolt's settings, each naming the method that fixes it; empty when it can run. */
    final List<String> settingsProblems() {
        List<String> problems = new ArrayList<>();
        String name = getClass().getSimpleName();
        if (fsUrl == null || fsUrl.isBlank()) {
            problems.add(name + " needs the file system's URL: withFsUrl(\"hdfs://namenode:8020\")");
        } else {
            try {
                if (URI.create(fsUrl).getScheme() == null) {
                    problems.add(name + "'s fsUrl '" + fsUrl + "' has no scheme; give one such as hdfs://namenode:8020"
                            + " or file:///");
                }
            } catch (IllegalArgumentException e) {
                problems.add(name + "'s fsUrl '" + fsUrl + "' is not a URL (" + e.getMessage() + "); give one such as"
                        + " hdfs://namenode:8020");
            }
        }
        if (fileNameFormat == null) {
            problems.add(name + " needs withFileNameFormat(new DefaultFileNameFormat().withPath(\"/dir/\"))");
        }
        if (syncPolicy == null) {
            problems.add(name + " needs withSyncPolicy(new CountSyncPolicy(1000)): tuples are acked when synced");
        }
        if (rotationPolicy == null) {
            problems.add(name + " needs withRotationPolicy(new FileSizeRotationPolicy(5.0f, Units.MB)), or"
                    + " new NoRotationPolicy() for one file");
        }
        if (fileRetryCount < 1) {
            problems.add(name + "'s withRetryCount must be at least 1, not " + fileRetryCount);
        }
        if (maxOpenFiles < 1) {
            problems.add(name + "'s withMaxOpenFiles must be at least 1, not " + maxOpenFiles);
        }
        if (partitioner == null) {
            problems.add(name + "'s withPartitioner must not be null; new NullPartitioner() writes no sub-directories");
        }
        checkSettings(problems);
        return problems;
    }

    /**
     * Prepares the bolt. Final: subclasses open their file system in {@link #doPrepare}. Throws nothing: a setting
     * that cannot work (checked already when the topology was built) or an HDFS that cannot be reached is reported,
     * and the bolt fails its tuples until it can write.
     */
    @Override
    public final void prepare(Map<String, Object> conf, TopologyContext topologyContext, OutputCollector collector) {
        this.collector = collector;
        this.context = topologyContext;
        this.topologyConf = conf;
        this.componentId = topologyContext.getThisComponentId();
        this.writers = new LinkedHashMap<>(16, 0.75f, true);
        this.rotationCounterMap = new HashMap<>();
        this.unsynced = new ArrayList<>();
        List<String> problems = settingsProblems();
        if (problems.isEmpty()) {
            try {
                hdfsConfig = HdfsConfigs.fromTopologyConf(conf, configKey);
                fileNameFormat.prepare(conf, topologyContext);
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            misconfiguration = "Bolt " + componentId + " cannot write to HDFS and fails every tuple: "
                    + String.join("; ", problems);
            LOG.error(misconfiguration);
            collector.reportError(new HdfsException(misconfiguration));
            return;
        }
        if (rotationPolicy instanceof TimedRotationPolicy timed) {
            nextTimedRotationMillis = System.currentTimeMillis() + timed.getInterval();
        }
        openFileSystem();
    }

    private boolean openFileSystem() {
        try {
            doPrepare(topologyConf, context, collector);
            return true;
        } catch (IOException | RuntimeException e) {
            fs = null;
            failFastUntilMillis = System.currentTimeMillis() + OUTAGE_BACKOFF_MILLIS;
            report("cannot open the file system " + fsUrl + "; its tuples fail until it can", e);
            return false;
        }
    }

    @Override
    public final void execute(Tuple tuple) {
        if (TupleUtils.isTick(tuple)) {
            collector.ack(tuple);
            if (misconfiguration == null) {
                rotateIfTimeIsUp();
                syncAndAck();
            }
            return;
        }
        if (misconfiguration != null || System.currentTimeMillis() < failFastUntilMillis
                || (fs == null && !openFileSystem())) {
            collector.fail(tuple);
            return;
        }
        String key;
        Writer writer;
        try {
            key = getWriterKey(tuple) + "****" + partitioner.getPartitionPath(tuple);
            writer = writerFor(key, tuple);
        } catch (IOException e) {
            collector.fail(tuple);
            outage("could not open a file for a tuple", e);
            return;
        } catch (RuntimeException e) {
            collector.fail(tuple);
            report("cannot place the tuple " + tuple.getValues() + " in a file: " + e + "; it is failed", e);
            return;
        }
        long offset;
        try {
            offset = writer.write(tuple);
        } catch (IOException e) {
            collector.fail(tuple);
            outage("could not write to " + writer.getFilePath(), e);
            return;
        } catch (RuntimeException e) {
            // The formats build the whole record before writing any of it: the file is as it was.
            collector.fail(tuple);
            report("cannot format the tuple " + tuple.getValues() + ": " + e + "; it is failed", e);
            return;
        }
        unsynced.add(tuple);
        if (syncPolicy.mark(tuple, offset)) {
            syncAndAck();
        }
        if (writer.needsRotation() && writers.get(key) == writer) {
            rotate(key, writer);
        }
        rotateIfTimeIsUp();
    }

    private Writer writerFor(String key, Tuple tuple) throws IOException {
        Writer writer = writers.get(key);
        if (writer != null) {
            return writer;
        }
        if (writers.size() >= maxOpenFiles) {
            Map.Entry<String, Writer> eldest = writers.entrySet().iterator().next();
            if (!rotate(eldest.getKey(), eldest.getValue())) {
                throw new IOException("HDFS failed while closing the least recently used file to make room");
            }
        }
        writer = makeNewWriter(getBasePathForNextFile(tuple), tuple);
        writers.put(key, writer);
        return writer;
    }

    /** The path of the next file of the tuple's partition; counts its rotation. */
    protected Path getBasePathForNextFile(Tuple tuple) {
        String partitionPath = partitioner.getPartitionPath(tuple);
        int rotation = rotationCounterMap.merge(partitionPath, 1, Integer::sum) - 1;
        return new Path(fsUrl + fileNameFormat.getPath() + partitionPath,
                fileNameFormat.getName(rotation, System.currentTimeMillis()));
    }

    /**
     * Syncs every open file and acks the tuples written since the last sync; after {@code fileRetryCount} failed
     * attempts fails them instead.
     */
    private boolean syncAndAck() {
        if (unsynced.isEmpty()) {
            syncPolicy.reset();
            return true;
        }
        IOException last = null;
        for (int attempt = 1; attempt <= fileRetryCount; attempt++) {
            try {
                for (Writer w : writers.values()) {
                    w.sync();
                }
                for (Tuple t : unsynced) {
                    collector.ack(t);
                }
                LOG.debug("Bolt {} synced and acked {} tuples", componentId, unsynced.size());
                unsynced.clear();
                syncPolicy.reset();
                return true;
            } catch (IOException e) {
                LOG.warn("Bolt {} could not sync its files (attempt {} of {}): {}", componentId, attempt,
                        fileRetryCount, e.toString());
                last = e;
            }
        }
        outage("could not sync its files " + fileRetryCount + " times", last);
        return false;
    }

    /**
     * HDFS failed: fails every tuple not yet synced, drops the open files, and fails new tuples for a second.
     */
    private void outage(String what, IOException cause) {
        int failed = unsynced.size();
        for (Tuple t : unsynced) {
            collector.fail(t);
        }
        unsynced.clear();
        syncPolicy.reset();
        for (Writer w : writers.values()) {
            closeQuietly(w);
        }
        writers.clear();
        failFastUntilMillis = System.currentTimeMillis() + OUTAGE_BACKOFF_MILLIS;
        report(what + " (" + cause + "); failed " + failed + " tuples written since the last sync, which are"
                + " replayed; new files are opened once HDFS answers", cause);
    }

    private void closeQuietly(Writer w) {
        try {
            w.close();
        } catch (IOException | RuntimeException e) {
            LOG.info("Bolt {} dropped {} without closing it: {}", componentId, w.getFilePath(), e.toString());
        }
    }

    /**
     * Syncs (acking what is pending), closes the file and runs the rotation actions on it.
     *
     * @return false when the sync failed, which dropped every open file
     */
    private boolean rotate(String key, Writer writer) {
        if (!syncAndAck()) {
            return false;
        }
        writers.remove(key);
        try {
            writer.close();
        } catch (IOException e) {
            report("could not close " + writer.getFilePath() + " (its data was synced; HDFS completes the file when"
                    + " its lease expires): " + e, e);
            return true;
        }
        LOG.info("Bolt {} rotated {}", componentId, writer.getFilePath());
        for (RotationAction action : rotationActions) {
            try {
                action.execute(fs, writer.getFilePath());
            } catch (IOException | RuntimeException e) {
                report("rotation action " + action.getClass().getSimpleName() + " failed on "
                        + writer.getFilePath() + ": " + e, e);
            }
        }
        return true;
    }

    private void rotateIfTimeIsUp() {
        if (!(rotationPolicy instanceof TimedRotationPolicy timed)) {
            return;
        }
        long now = System.currentTimeMillis();
        if (now < nextTimedRotationMillis) {
            return;
        }
        nextTimedRotationMillis += timed.getInterval();
        if (nextTimedRotationMillis <= now) {
            nextTimedRotationMillis = now + timed.getInterval(); // Fell behind (a long outage): no burst of rotations.
        }
        rotateAll();
    }

    private void rotateAll() {
        for (Map.Entry<String, Writer> e : new ArrayList<>(writers.entrySet())) {
            rotate(e.getKey(), e.getValue());
        }
    }

    private void report(String what, Throwable cause) {
        String message = "Bolt " + componentId + " " + what;
        LOG.warn(message);
        collector.reportError(new HdfsException(message, cause));
    }

    /** Asks for tick tuples every {@code withTickTupleIntervalSeconds}, or as often as timed rotation needs. */
    @Override
    public Map<String, Object> getComponentConfiguration() {
        int secs = tickTupleInterval;
        if (rotationPolicy instanceof TimedRotationPolicy timed) {
            secs = (int) Math.max(1, Math.min(secs, timed.getInterval() / 1000));
        }
        return TupleUtils.putTickFrequencyIntoComponentConfig(super.getComponentConfiguration(), secs);
    }

    /**
     * Declares nothing, and checks the bolt's settings where the topology is built: Storm finds a missing URL or
     * policy only when the worker prepares the bolt.
     *
     * @throws IllegalArgumentException naming every setting that is missing or wrong, and how to give it
     */
    @Override
    public void declareOutputFields(OutputFieldsDeclarer outputFieldsDeclarer) {
        List<String> problems = settingsProblems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Closes {@link #fs}, for a subclass whose {@code doPrepare} opened an instance of its own. */
    protected void closeFileSystem() {
        if (fs == null) {
            return;
        }
        try {
            fs.close();
        } catch (IOException e) {
            LOG.info("Bolt {}: closing the file system client failed: {}", componentId, e.toString());
        }
        fs = null;
    }

    /** Syncs and acks what is pending, then closes every file and runs the rotation actions on it. */
    @Override
    public void cleanup() {
        if (writers == null || misconfiguration != null) {
            return;
        }
        rotateAll();
        Iterator<Writer> left = writers.values().iterator();
        while (left.hasNext()) {
            closeQuietly(left.next());
            left.remove();
        }
    }
}
