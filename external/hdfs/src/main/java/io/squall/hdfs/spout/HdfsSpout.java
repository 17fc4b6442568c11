package io.squall.hdfs.spout;

import io.squall.Config;
import io.squall.hdfs.common.HdfsConfigs;
import io.squall.hdfs.common.HdfsException;
import io.squall.metric.api.CountMetric;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the files of an HDFS directory and emits their records, as Storm's storm-hdfs:
 *
 * <pre>{@code
 * HdfsSpout spout = new HdfsSpout().withOutputFields(TextFileReader.defaultFields)
 *         .setReaderType("text")                      // or "seq", or a FileReader's class name
 *         .setHdfsUri("hdfs://namenode:8020")
 *         .setSourceDir("/data/in").setArchiveDir("/data/done").setBadFilesDir("/data/bad");
 * }</pre>
 *
 * <p><b>How files are shared.</b> A spout task takes the oldest file of the source directory (by modification time)
 * that no one has locked: it creates a lock file of the same name in the lock directory ({@code .lock} in the source
 * directory by default), renames the file to {@code NAME.inprogress} and reads it. Files ending with the ignore
 * suffix ({@code .ignore}) are left alone: write a file under such a name, or elsewhere, and rename it into place
 * when complete. When every tuple of a file is acked the file goes to the archive directory and its lock is deleted.
 * A file its reader cannot read (a sequence reader given a text file) goes to the bad files directory, is logged and
 * reported, and counted in the {@code hdfs.bad.files} metric.
 *
 * <p><b>At least once.</b> The spout commits its progress to the lock file (every {@code setCommitFrequencyCount}
 * acks and every {@code setCommitFrequencySec} seconds, and whenever a commit is due while it waits): the offset of
 * the oldest tuple not yet acked. A spout whose lock has not been written to for {@code setLockTimeoutSec} is taken
 * for dead; another task (of this topology or a later run of it) takes the lock over and reads the file again from
 * that offset, so every record is emitted at least once. A failed tuple is emitted again. With acking off
 * ({@code topology.acker.executors: 0}) a record counts as done once emitted.
 *
 * <p><b>Errors.</b> Nothing throws out of the spout: a setting missing when the topology is built is refused there;
 * one missing on the worker (where the deprecated {@link Configs} keys may still give it) or an HDFS that cannot be
 * reached is reported, and the spout emits nothing until it can (trying HDFS again every second).
 *
 * <p><b>Threads.</b> Confined to the spout's executor thread; no timer threads.
 */
public class HdfsSpout extends BaseRichSpout {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(HdfsSpout.class);
    private static final String INPROGRESS_SUFFIX = ".inprogress";
    private static final long RETRY_MILLIS = 1000;
    /** How often an idle spout lists the source directory for new files. */
    private static final long IDLE_SCAN_MILLIS = 200;

    private String hdfsUri;
    private String readerType;
    private Fields outputFields;
    private String sourceDir;
    private String archiveDir;
    private String badFilesDir;
    private String lockDir;
    private Integer commitFrequencyCount;
    private Integer commitFrequencySec;
    private Integer maxOutstanding;
    private Integer lockTimeoutSec;
    private Boolean clocksInSync;
    private String ignoreSuffix;
    private String outputStreamName;
    private String configKey = Configs.DEFAULT_HDFS_CONFIG_KEY;

    private transient Settings settings;
    private transient Map<String, Object> conf;
    private transient SpoutOutputCollector collector;
    private transient String spoutId;
    private transient FileSystem hdfs;
    private transient boolean ackEnabled;
    private transient CountMetric badFiles;
    /** Why the spout cannot run (a setting), or null. */
    private transient String misconfiguration;
    private transient String lastReported;
    private transient long pauseUntilMillis;
    private transient long nextScanMillis;

    private transient FileLock lock;
    private transient Path currentFile;
    private transient FileReader reader;
    /** Where to open the current file again after a read failed, or null while its reader is open. */
    private transient FileOffset reopenAt;
    private transient boolean fileReadCompletely;
    /** Tuples of the current file emitted and not yet acked, by emission number: the oldest sets the commit. */
    private transient TreeMap<Long, Emitted> inFlight;
    private transient ArrayDeque<Emitted> retries;
    private transient long tupleCounter;
    private transient int acksSinceLastCommit;
    private transient long lastCommitMillis;
    /** For clocks not in sync: the expired lock seen last, its entry and when we saw it. */
    private transient Map.Entry<Path, FileLock.LogEntry> lastExpiredLock;
    private transient long lastExpiredLockMillis;

    /** A spout to configure with the setters. */
    public HdfsSpout() {
    }

    /** The file system, {@code hdfs://namenode:8020}. */
    public HdfsSpout setHdfsUri(String hdfsUri) {
        this.hdfsUri = hdfsUri;
        return this;
    }

    /** {@code text} ({@link TextFileReader}), {@code seq} ({@link SequenceFileReader}) or a reader's class name. */
    public HdfsSpout setReaderType(String readerType) {
        this.readerType = readerType;
        return this;
    }

    /** The directory to read. */
    public HdfsSpout setSourceDir(String sourceDir) {
        this.sourceDir = sourceDir;
        return this;
    }

    /** Where files go once every tuple of theirs is acked; made if missing. */
    public HdfsSpout setArchiveDir(String archiveDir) {
        this.archiveDir = archiveDir;
        return this;
    }

    /** Where files that cannot be read go; made if missing. */
    public HdfsSpout setBadFilesDir(String badFilesDir) {
        this.badFilesDir = badFilesDir;
        return this;
    }

    /** Where the lock files are (default {@code .lock} in the source directory); made if missing. */
    public HdfsSpout setLockDir(String lockDir) {
        this.lockDir = lockDir;
        return this;
    }

    /** Acks between two commits of progress to the lock file (default 20,000; 0: by time only). */
    public HdfsSpout setCommitFrequencyCount(int commitFrequencyCount) {
        this.commitFrequencyCount = commitFrequencyCount;
        return this;
    }

    /** Seconds between two commits of progress (default 10); must be below the lock timeout. */
    public HdfsSpout setCommitFrequencySec(int commitFrequencySec) {
        this.commitFrequencySec = commitFrequencySec;
        return this;
    }

    /** Tuples in flight at most (default 10,000); past it the spout waits for acks. */
    public HdfsSpout setMaxOutstanding(int maxOutstanding) {
        this.maxOutstanding = maxOutstanding;
        return this;
    }

    /** Seconds without progress after which a file's lock is taken over (default 300). */
    public HdfsSpout setLockTimeoutSec(int lockTimeoutSec) {
        this.lockTimeoutSec = lockTimeoutSec;
        return this;
    }

    /**
     * Whether the hosts' clocks agree (default true). When they do not, a lock is taken over only after this spout
     * has itself seen it unchanged for the lock timeout.
     */
    public HdfsSpout setClocksInSync(boolean clocksInSync) {
        this.clocksInSync = clocksInSync;
        return this;
    }

    /** Files whose names end with it are not read (default {@code .ignore}). */
    public HdfsSpout setIgnoreSuffix(String ignoreSuffix) {
        this.ignoreSuffix = ignoreSuffix;
        return this;
    }

    /** The output fields: {@link TextFileReader#defaultFields}, {@link SequenceFileReader#defaultFields}, ... */
    public HdfsSpout withOutputFields(String... fields) {
        this.outputFields = new Fields(fields);
        return this;
    }

    /** The key of the topology configuration's map of Hadoop settings (default {@code hdfs.config}). */
    public HdfsSpout withConfigKey(String configKey) {
        this.configKey = configKey;
        return this;
    }

    /** Emits to this stream rather than the default one. */
    public HdfsSpout withOutputStream(String streamName) {
        this.outputStreamName = streamName;
        return this;
    }

    /** The lock directory in use, once opened. */
    public Path getLockDirPath() {
        return settings == null ? null : settings.lockDir;
    }

    /** The spout's collector, once opened. */
    public SpoutOutputCollector getCollector() {
        return collector;
    }

    /**
     * Declares the output fields, and checks the settings that the topology's configuration cannot give.
     *
     * @throws IllegalArgumentException when there are no output fields or the reader type is not one there is
     */
    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        if (outputFields == null) {
            throw new IllegalArgumentException("HdfsSpout needs withOutputFields(...): TextFileReader.defaultFields"
                    + " (line) for text files, SequenceFileReader.defaultFields (key, value) for sequence files");
        }
        if (readerType != null) {
            String problem = Settings.readerProblem(readerType);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
        if (outputStreamName == null) {
            declarer.declare(outputFields);
        } else {
            declarer.declareStream(outputStreamName, outputFields);
        }
    }

    @Override
    public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
        this.conf = conf;
        this.collector = collector;
        this.spoutId = context.getThisComponentId();
        this.inFlight = new TreeMap<>();
        this.retries = new ArrayDeque<>();
        this.badFiles = context.registerMetric("hdfs.bad.files", new CountMetric(), 60);
        Object ackers = conf.get(Config.TOPOLOGY_ACKER_EXECUTORS);
        this.ackEnabled = ackers == null || Integer.parseInt(ackers.toString()) > 0;
        List<String> problems = new ArrayList<>();
        settings = Settings.resolve(this, conf, problems);
        if (!problems.isEmpty()) {
            misconfiguration = "Spout " + spoutId + " cannot read HDFS and emits nothing: "
                    + String.join("; ", problems);
            LOG.error(misconfiguration);
            collector.reportError(new HdfsException(misconfiguration));
            return;
        }
        lastCommitMillis = System.currentTimeMillis();
        LOG.info("Spout {} reads {} on {} (acking {})", spoutId, settings.sourceDir, settings.hdfsUri,
                ackEnabled ? "on" : "off");
    }

    /** Connects and makes the directories, once; reports and returns false while HDFS cannot be reached. */
    private boolean ready() {
        if (hdfs != null) {
            return true;
        }
        try {
            Configuration hadoop = HdfsConfigs.fromTopologyConf(conf, configKey);
            FileSystem fs = FileSystem.newInstance(URI.create(settings.hdfsUri), hadoop);
            try {
                checkOrMakeDir(fs, settings.sourceDir, "source", false);
                checkOrMakeDir(fs, settings.archiveDir, "archive", true);
                checkOrMakeDir(fs, settings.badFilesDir, "bad files", true);
                checkOrMakeDir(fs, settings.lockDir, "lock", true);
            } catch (IOException | RuntimeException e) {
                fs.close();
                throw e;
            }
            hdfs = fs;
            lastReported = null;
            return true;
        } catch (IOException | RuntimeException e) {
            pause("cannot use " + settings.hdfsUri + ": " + e.getMessage(), e);
            return false;
        }
    }

    private static void checkOrMakeDir(FileSystem fs, Path dir, String what, boolean make) throws IOException {
        if (fs.exists(dir)) {
            if (!fs.getFileStatus(dir).isDirectory()) {
                throw new HdfsException("the " + what + " directory " + dir + " is a file; give a directory");
            }
        } else if (!make) {
            throw new HdfsException("the source directory " + dir + " does not exist; create it or fix setSourceDir");
        } else if (!fs.mkdirs(dir)) {
            throw new HdfsException("could not create the " + what + " directory " + dir);
        }
    }

    /** Reports a failure (once until the next different one) and waits a second before trying HDFS again. */
    private void pause(String what, Throwable cause) {
        pauseUntilMillis = System.currentTimeMillis() + RETRY_MILLIS;
        String message = "Spout " + spoutId + " " + what;
        if (!message.equals(lastReported)) {
            lastReported = message;
            LOG.warn(message);
            collector.reportError(new HdfsException(message, cause));
        }
    }

    @Override
    public void nextTuple() {
        if (misconfiguration != null || System.currentTimeMillis() < pauseUntilMillis || !ready()) {
            return;
        }
        commitIfDue();
        if (!retries.isEmpty()) {
            Emitted e = retries.poll();
            emit(e);
            return;
        }
        if (ackEnabled && inFlight.size() >= settings.maxOutstanding) {
            return;
        }
        for (int files = 0; files < 16; files++) { // Past empty and bad files, within one call.
            if (currentFile == null && !pickNextFile()) {
                return;
            }
            if (fileReadCompletely) {
                if (inFlight.isEmpty()) {
                    markFileAsDone();
                    continue;
                }
                return; // Waits for the acks of the file's last tuples.
            }
            if (reader == null && !reopen()) {
                return;
            }
            FileOffset start = reader.getFileOffset();
            List<Object> values;
            try {
                values = reader.next();
            } catch (IOException e) {
                reader.close();
                reader = null;
                reopenAt = start;
                pause("could not read " + currentFile + " at " + start + " (" + e + "); it reads on from there when"
                        + " HDFS answers", e);
                return;
            } catch (ParseException | RuntimeException e) {
                markFileAsBad("its record at " + start + " cannot be read: " + e);
                continue;
            }
            if (values == null) {
                fileReadCompletely = true;
                if (!ackEnabled || inFlight.isEmpty()) {
                    markFileAsDone();
                    continue;
                }
                return;
            }
            Emitted e = new Emitted(new MessageId(++tupleCounter, currentFile.toString(), start), values);
            if (ackEnabled) {
                inFlight.put(e.id.msgNumber, e);
            } else {
                acksSinceLastCommit++;
            }
            emit(e);
            return;
        }
    }

    private void emit(Emitted e) {
        if (outputStreamName == null) {
            collector.emit(e.values, e.id);
        } else {
            collector.emit(outputStreamName, e.values, e.id);
        }
    }

    @Override
    public void ack(Object msgId) {
        if (!ackEnabled || !(msgId instanceof MessageId id) || inFlight == null
                || inFlight.remove(id.msgNumber) == null) {
            return; // A tuple of a file given up on (a bad file), or acking off.
        }
        acksSinceLastCommit++;
        commitIfDue();
        if (fileReadCompletely && inFlight.isEmpty()) {
            markFileAsDone();
        }
    }

    @Override
    public void fail(Object msgId) {
        if (!ackEnabled || !(msgId instanceof MessageId id) || inFlight == null) {
            return;
        }
        Emitted e = inFlight.get(id.msgNumber);
        if (e != null) {
            retries.add(e);
        }
    }

    /** Where a spout taking over would resume: the oldest tuple not acked, else the next record. */
    private FileOffset commitPosition() {
        if (!inFlight.isEmpty()) {
            return inFlight.firstEntry().getValue().id.offset;
        }
        if (reader != null) {
            return reader.getFileOffset();
        }
        return reopenAt;
    }

    private void commitIfDue() {
        if (lock == null) {
            return;
        }
        long now = System.currentTimeMillis();
        boolean byCount = settings.commitFrequencyCount > 0 && acksSinceLastCommit >= settings.commitFrequencyCount;
        boolean byTime = now - lastCommitMillis >= settings.commitFrequencySec * 1000L;
        if (!byCount && !byTime) {
            return;
        }
        FileOffset position = commitPosition();
        if (position == null) {
            return;
        }
        try {
            lock.heartbeat(position.toString());
            acksSinceLastCommit = 0;
            lastCommitMillis = now;
        } catch (IOException e) {
            // Tried again at the next call; if it keeps failing the lock expires and another spout resumes the file.
            pause("could not commit its progress to " + lock.getLockFile() + ": " + e, e);
        }
    }

    /** Takes over an abandoned file, else locks a new one. False when there is nothing to read now. */
    private boolean pickNextFile() {
        long now = System.currentTimeMillis();
        if (now < nextScanMillis) {
            return false;
        }
        nextScanMillis = now + IDLE_SCAN_MILLIS;
        try {
            FileLock expired = takeOverExpiredLock();
            if (expired != null && resumeAbandoned(expired)) {
                return true;
            }
            for (FileStatus s : Locks.filesByModificationTime(hdfs, settings.sourceDir, 0)) {
                String name = s.getPath().getName();
                if (name.endsWith(INPROGRESS_SUFFIX) || name.endsWith(settings.ignoreSuffix)) {
                    continue;
                }
                FileLock l = FileLock.tryLock(hdfs, s.getPath(), settings.lockDir, spoutId);
                if (l == null) {
                    continue;
                }
                Path inProgress = new Path(s.getPath().getParent(), name + INPROGRESS_SUFFIX);
                if (!hdfs.rename(s.getPath(), inProgress)) {
                    release(l); // Gone meanwhile: archived by a spout that had it.
                    continue;
                }
                LOG.info("Spout {} reads {}", spoutId, s.getPath());
                startFile(l, inProgress, null);
                return true;
            }
            return false;
        } catch (IOException e) {
            pause("cannot look for files in " + settings.sourceDir + ": " + e, e);
            return false;
        }
    }

    private boolean resumeAbandoned(FileLock expired) throws IOException {
        String name = expired.getLockFile().getName();
        Path inProgress = new Path(settings.sourceDir, name + INPROGRESS_SUFFIX);
        Path plain = new Path(settings.sourceDir, name);
        if (!hdfs.exists(inProgress)) {
            if (!hdfs.exists(plain) || !hdfs.rename(plain, inProgress)) {
                // Its owner archived the file and died before deleting the lock.
                LOG.info("Spout {} deleted the lock {} of a file no longer there", spoutId, expired.getLockFile());
                release(expired);
                return false;
            }
        }
        LOG.info("Spout {} resumes the abandoned file {} at {}", spoutId, inProgress,
                expired.getLastLogEntry().fileOffset);
        startFile(expired, inProgress, expired.getLastLogEntry().fileOffset);
        return true;
    }

    private void startFile(FileLock l, Path file, String offset) {
        lock = l;
        currentFile = file;
        fileReadCompletely = false;
        inFlight.clear();
        retries.clear();
        acksSinceLastCommit = 0;
        lastCommitMillis = System.currentTimeMillis();
        reopenAt = null;
        try {
            reader = createFileReader(file, offset);
        } catch (IOException | RuntimeException e) {
            markFileAsBad("it cannot be opened as a '" + settings.readerType + "' file: " + e);
        }
    }

    private boolean reopen() {
        try {
            reader = createFileReader(currentFile, reopenAt.toString());
            reopenAt = null;
            lastReported = null;
            return true;
        } catch (IOException e) {
            pause("could not open " + currentFile + " again (" + e + "); it tries again in a second", e);
            return false;
        } catch (RuntimeException e) {
            markFileAsBad("it cannot be opened again at " + reopenAt + ": " + e);
            return false;
        }
    }

    private FileLock takeOverExpiredLock() throws IOException {
        DirLock dirLock = DirLock.tryLock(hdfs, settings.lockDir);
        if (dirLock == null) {
            dirLock = DirLock.takeOwnershipIfStale(hdfs, settings.lockDir, settings.lockTimeoutSec);
            if (dirLock == null) {
                return null;
            }
        }
        try {
            if (settings.clocksInSync) {
                return FileLock.acquireOldestExpiredLock(hdfs, settings.lockDir, settings.lockTimeoutSec, spoutId);
            }
            // Clocks apart: a lock is abandoned once this spout has seen it unchanged for the lock timeout.
            long now = System.currentTimeMillis();
            if (lastExpiredLock == null) {
                lastExpiredLock = FileLock.locateOldestExpiredLock(hdfs, settings.lockDir, settings.lockTimeoutSec);
                lastExpiredLockMillis = now;
                return null;
            }
            if (now - lastExpiredLockMillis < settings.lockTimeoutSec * 1000L) {
                return null;
            }
            Map.Entry<Path, FileLock.LogEntry> seen = lastExpiredLock;
            lastExpiredLock = null;
            FileLock.LogEntry latest = FileLock.getLastEntry(hdfs, seen.getKey());
            if (latest != null && !latest.equals(seen.getValue())) {
                return null; // Its owner is alive.
            }
            return FileLock.takeOwnership(hdfs, seen.getKey(), seen.getValue(), spoutId);
        } finally {
            try {
                dirLock.release();
            } catch (IOException e) {
                LOG.warn("Spout {}: {}", spoutId, e.getMessage());
            }
        }
    }

    private FileReader createFileReader(Path file, String offset) throws IOException {
        String type = settings.readerType;
        if (type.equalsIgnoreCase(Configs.TEXT)) {
            return offset == null ? new TextFileReader(hdfs, file, conf) : new TextFileReader(hdfs, file, conf, offset);
        }
        if (type.equalsIgnoreCase(Configs.SEQ)) {
            return offset == null ? new SequenceFileReader<>(hdfs, file, conf)
                    : new SequenceFileReader<>(hdfs, file, conf, offset);
        }
        try {
            Class<?> c = Class.forName(type);
            if (offset == null) {
                return (FileReader) c.getConstructor(FileSystem.class, Path.class, Map.class)
                        .newInstance(hdfs, file, conf);
            }
            return (FileReader) c.getConstructor(FileSystem.class, Path.class, Map.class, String.class)
                    .newInstance(hdfs, file, conf, offset);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new HdfsException("reader " + type + " failed to open " + file + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new HdfsException("cannot make a reader " + type + ": " + e, e);
        }
    }

    /** Every tuple of the file is acked (or acking is off): archives it and releases its lock. */
    private void markFileAsDone() {
        commitPositionQuietly();
        String name = originalName(currentFile);
        Path target = new Path(settings.archiveDir, name);
        try {
            if (hdfs.exists(target)) {
                target = new Path(settings.archiveDir, name + "." + System.currentTimeMillis());
            }
            if (!hdfs.rename(currentFile, target)) {
                throw new IOException("HDFS would not rename " + currentFile + " to " + target);
            }
        } catch (IOException e) {
            // Kept locked and read; archived at a later call.
            pause("read all of " + currentFile + " but could not archive it (" + e + "); it tries again", e);
            return;
        }
        LOG.info("Spout {} read all of {} and archived it as {}", spoutId, currentFile, target);
        closeFile();
    }

    private void markFileAsBad(String why) {
        String name = originalName(currentFile);
        Path target = new Path(settings.badFilesDir, name);
        String message = "Spout " + spoutId + " moved " + currentFile + " to the bad files as " + target + ": " + why;
        try {
            if (hdfs.exists(target)) {
                target = new Path(settings.badFilesDir, name + "." + System.currentTimeMillis());
            }
            if (!hdfs.rename(currentFile, target)) {
                throw new IOException("HDFS would not rename " + currentFile + " to " + target);
            }
        } catch (IOException e) {
            // Its lock stays, unwritten: once it expires a spout tries the file again.
            LOG.warn("Spout {} could not move the bad file {} away: {}", spoutId, currentFile, e.toString());
            if (reader != null) {
                reader.close();
            }
            lock.abandon();
            forgetFile();
            pause("cannot read " + currentFile + " (" + why + ") nor move it to " + settings.badFilesDir, e);
            return;
        }
        badFiles.incr();
        LOG.error(message);
        collector.reportError(new HdfsException(message));
        closeFile();
    }

    private void commitPositionQuietly() {
        FileOffset position = commitPosition();
        if (lock != null && position != null) {
            try {
                lock.heartbeat(position.toString());
            } catch (IOException e) {
                LOG.debug("Spout {}: last commit to {} failed: {}", spoutId, lock.getLockFile(), e.toString());
            }
        }
    }

    private void closeFile() {
        if (reader != null) {
            reader.close();
        }
        release(lock);
        forgetFile();
        nextScanMillis = 0; // The next file at once.
    }

    private void forgetFile() {
        reader = null;
        lock = null;
        currentFile = null;
        reopenAt = null;
        inFlight.clear();
        retries.clear();
        fileReadCompletely = false;
    }

    private void release(FileLock l) {
        try {
            l.release();
        } catch (IOException e) {
            LOG.warn("Spout {} could not delete its lock {}; it expires in {} s: {}", spoutId, l.getLockFile(),
                    settings.lockTimeoutSec, e.toString());
        }
    }

    private static String originalName(Path file) {
        String name = file.getName();
        return name.endsWith(INPROGRESS_SUFFIX) ? name.substring(0, name.length() - INPROGRESS_SUFFIX.length()) : name;
    }

    /**
     * Stops reading: the file stays locked with its last progress, so that this spout's next run, or another task,
     * resumes it once the lock expires.
     */
    @Override
    public void close() {
        if (lock != null) {
            commitPositionQuietly();
            lock.abandon();
        }
        if (reader != null) {
            reader.close();
        }
        if (hdfs != null) {
            try {
                hdfs.close();
            } catch (IOException e) {
                LOG.debug("Spout {}: closing the file system client: {}", spoutId, e.toString());
            }
        }
    }

    /** A tuple's message id: its emission number, its file and the offset to read it again from. */
    static final class MessageId implements Comparable<MessageId> {
        final long msgNumber;
        final String fullPath;
        final FileOffset offset;

        MessageId(long msgNumber, String fullPath, FileOffset offset) {
            this.msgNumber = msgNumber;
            this.fullPath = fullPath;
            this.offset = offset;
        }

        @Override
        public String toString() {
            return "{'" + fullPath + "':" + offset + "}";
        }

        @Override
        public int compareTo(MessageId rhs) {
            return Long.compare(msgNumber, rhs.msgNumber);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MessageId m && m.msgNumber == msgNumber;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(msgNumber);
        }
    }

    private record Emitted(MessageId id, List<Object> values) {
    }

    /** The spout's settings once resolved on the worker: the setters', else the topology configuration's. */
    static final class Settings {
        String hdfsUri;
        String readerType;
        Path sourceDir;
        Path archiveDir;
        Path badFilesDir;
        Path lockDir;
        int commitFrequencyCount;
        int commitFrequencySec;
        int maxOutstanding;
        int lockTimeoutSec;
        boolean clocksInSync;
        String ignoreSuffix;

        @SuppressWarnings("deprecation")
        static Settings resolve(HdfsSpout s, Map<String, Object> conf, List<String> problems) {
            Settings r = new Settings();
            r.hdfsUri = string(s.hdfsUri, conf, Configs.HDFS_URI);
            r.readerType = string(s.readerType, conf, Configs.READER_TYPE);
            String source = string(s.sourceDir, conf, Configs.SOURCE_DIR);
            String archive = string(s.archiveDir, conf, Configs.ARCHIVE_DIR);
            String bad = string(s.badFilesDir, conf, Configs.BAD_DIR);
            String locks = string(s.lockDir, conf, Configs.LOCK_DIR);
            if (r.hdfsUri == null) {
                problems.add("no file system: call setHdfsUri(\"hdfs://namenode:8020\")");
            }
            if (r.readerType == null) {
                problems.add("no reader type: call setReaderType(\"text\"), \"seq\" or a FileReader's class name");
            } else if (readerProblem(r.readerType) != null) {
                problems.add(readerProblem(r.readerType));
            }
            if (source == null) {
                problems.add("no source directory: call setSourceDir(\"/dir\")");
            }
            if (archive == null) {
                problems.add("no archive directory: call setArchiveDir(\"/dir\")");
            }
            if (bad == null) {
                problems.add("no bad files directory: call setBadFilesDir(\"/dir\")");
            }
            r.commitFrequencyCount = number(s.commitFrequencyCount, conf, Configs.COMMIT_FREQ_COUNT,
                    Configs.DEFAULT_COMMIT_FREQ_COUNT, 0, problems);
            r.commitFrequencySec = number(s.commitFrequencySec, conf, Configs.COMMIT_FREQ_SEC,
                    Configs.DEFAULT_COMMIT_FREQ_SEC, 1, problems);
            r.maxOutstanding = number(s.maxOutstanding, conf, Configs.MAX_OUTSTANDING,
                    Configs.DEFAULT_MAX_OUTSTANDING, 1, problems);
            r.lockTimeoutSec = number(s.lockTimeoutSec, conf, Configs.LOCK_TIMEOUT, Configs.DEFAULT_LOCK_TIMEOUT, 1,
                    problems);
            if (r.lockTimeoutSec <= r.commitFrequencySec) {
                problems.add("the lock timeout (" + r.lockTimeoutSec + " s) must exceed the commit frequency ("
                        + r.commitFrequencySec + " s), or other spouts take over files this one is reading");
            }
            String insync = string(s.clocksInSync == null ? null : s.clocksInSync.toString(), conf,
                    Configs.CLOCKS_INSYNC);
            r.clocksInSync = insync == null || Boolean.parseBoolean(insync);
            r.ignoreSuffix = string(s.ignoreSuffix, conf, Configs.IGNORE_SUFFIX);
            if (r.ignoreSuffix == null) {
                r.ignoreSuffix = ".ignore";
            }
            if (problems.isEmpty()) {
                r.sourceDir = new Path(source);
                r.archiveDir = new Path(archive);
                r.badFilesDir = new Path(bad);
                r.lockDir = locks != null ? new Path(locks) : new Path(r.sourceDir, Configs.DEFAULT_LOCK_DIR);
            }
            return r;
        }

        /** What is wrong with a reader type, or null when it is text, seq or a usable FileReader class. */
        static String readerProblem(String type) {
            if (type.equalsIgnoreCase(Configs.TEXT) || type.equalsIgnoreCase(Configs.SEQ)) {
                return null;
            }
            try {
                Class<?> c = Class.forName(type);
                if (!FileReader.class.isAssignableFrom(c)) {
                    return "reader type " + type + " is not a FileReader; give \"text\", \"seq\" or a FileReader";
                }
                c.getConstructor(FileSystem.class, Path.class, Map.class);
                c.getConstructor(FileSystem.class, Path.class, Map.class, String.class);
                return null;
            } catch (ClassNotFoundException e) {
                return "reader type " + type + " is neither \"text\", \"seq\" nor a class on the classpath";
            } catch (NoSuchMethodException e) {
                return "reader " + type + " needs public constructors (FileSystem, Path, Map) and (FileSystem, Path,"
                        + " Map, String offset)";
            }
        }

        private static String string(String set, Map<String, Object> conf, String key) {
            if (set != null) {
                return set;
            }
            Object v = conf.get(key);
            return v == null ? null : v.toString();
        }

        private static int number(Integer set, Map<String, Object> conf, String key, int dflt, int min,
                                  List<String> problems) {
            int value = dflt;
            if (set != null) {
                value = set;
            } else if (conf.get(key) != null) {
                try {
                    value = Integer.parseInt(conf.get(key).toString());
                } catch (NumberFormatException e) {
                    problems.add(key + " must be a whole number, not '" + conf.get(key) + "'");
                    return dflt;
                }
            }
            if (value < min) {
                problems.add(key + " must be at least " + min + ", not " + value);
            }
            return value;
        }
    }
}
