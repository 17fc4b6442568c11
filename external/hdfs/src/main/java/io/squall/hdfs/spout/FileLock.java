package io.squall.hdfs.spout;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.Map;

/**
 * A spout's lock on the file it reads: a file of the same name in the lock directory, which only one client can
 * create, and to which the spout appends its progress ({@code time,spoutId,offset}, one line per commit). The spout
 * keeps it open while it reads; when the last entry is older than the lock timeout its owner is taken for dead, and
 * another spout takes the lock over ({@link #acquireOldestExpiredLock}) and resumes at the offset it names.
 * Confined to the owning spout's executor thread.
 */
public final class FileLock {
    private static final Logger LOG = LoggerFactory.getLogger(FileLock.class);
    private final FileSystem fs;
    private final Path lockFile;
    private final String componentId;
    private final FSDataOutputStream out;
    private LogEntry lastEntry;

    private FileLock(FileSystem fs, Path lockFile, String componentId, FSDataOutputStream out, String offset,
                     boolean newLine) throws IOException {
        this.fs = fs;
        this.lockFile = lockFile;
        this.componentId = componentId;
        this.out = out;
        try {
            logProgress(offset, newLine);
        } catch (IOException e) {
            out.close();
            throw e;
        }
    }

    /** Locks {@code fileToLock}, or returns null when another spout has it. */
    public static FileLock tryLock(FileSystem fs, Path fileToLock, Path lockDirPath, String spoutId)
            throws IOException {
        Path lockFile = new Path(lockDirPath, fileToLock.getName());
        FSDataOutputStream out = Locks.tryCreate(fs, lockFile);
        return out == null ? null : new FileLock(fs, lockFile, spoutId, out, "0", false);
    }

    /**
     * The lock file's last entry if it and the file are both no newer than {@code olderThan} (epoch ms), else null.
     * A lock file with no entry (its owner crashed right after creating it) counts as made at its modification
     * time, at offset {@code 0}.
     */
    public static LogEntry getLastEntryIfStale(FileSystem fs, Path lockFile, long olderThan) throws IOException {
        FileStatus status = fs.getFileStatus(lockFile);
        if (status.getModificationTime() > olderThan) {
            return null;
        }
        // HDFS updates a file's modification time at close, not at each append: the entries tell the last update.
        LogEntry last = getLastEntry(fs, lockFile);
        if (last == null) {
            last = new LogEntry(status.getModificationTime(), "", "0");
        }
        return last.eventTime <= olderThan ? last : null;
    }

    /** The last complete entry of a lock file, or null when it has none. */
    public static LogEntry getLastEntry(FileSystem fs, Path lockFile) throws IOException {
        LogEntry last = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(lockFile), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                LogEntry e = LogEntry.parse(line);
                if (e != null) {
                    last = e; // A line its owner crashed while writing does not parse, and is skipped.
                }
            }
        }
        return last;
    }

    /**
     * Takes over a lock whose owner is gone, resuming at {@code lastEntry}'s offset.
     *
     * @return the lock, or null when HDFS is still recovering the dead owner's lease (try again later)
     */
    public static FileLock takeOwnership(FileSystem fs, Path lockFile, LogEntry lastEntry, String spoutId)
            throws IOException {
        if (!Locks.recoverLease(fs, lockFile)) {
            LOG.info("The lease on {} is being recovered; spout {} tries to take the lock over later", lockFile,
                    spoutId);
            return null;
        }
        FSDataOutputStream out;
        try {
            out = fs.append(lockFile);
        } catch (FileNotFoundException e) {
            return null; // Released or taken meanwhile.
        } catch (IOException e) {
            LOG.info("Spout {} cannot append to {} yet ({}); it tries later", spoutId, lockFile, e.toString());
            return null;
        }
        LOG.info("Spout {} took over the abandoned lock {} at offset {}", spoutId, lockFile, lastEntry.fileOffset);
        return new FileLock(fs, lockFile, spoutId, out, lastEntry.fileOffset, true);
    }

    /** Takes over the oldest lock in {@code lockFilesDir} abandoned for over {@code lockTimeoutSec}, or null. */
    public static FileLock acquireOldestExpiredLock(FileSystem fs, Path lockFilesDir, int lockTimeoutSec,
                                                    String spoutId) throws IOException {
        long olderThan = System.currentTimeMillis() - lockTimeoutSec * 1000L;
        for (FileStatus s : Locks.filesByModificationTime(fs, lockFilesDir, olderThan)) {
            if (s.getPath().getName().equals(DirLock.DIR_LOCK_FILE)) {
                continue;
            }
            LogEntry last = getLastEntryIfStale(fs, s.getPath(), olderThan);
            if (last != null) {
                FileLock lock = takeOwnership(fs, s.getPath(), last, spoutId);
                if (lock != null) {
                    return lock;
                }
            }
        }
        return null;
    }

    /** The oldest lock in {@code lockFilesDir} abandoned for over {@code lockTimeoutSec}, and its last entry. */
    public static Map.Entry<Path, LogEntry> locateOldestExpiredLock(FileSystem fs, Path lockFilesDir,
                                                                    int lockTimeoutSec) throws IOException {
        long olderThan = System.currentTimeMillis() - lockTimeoutSec * 1000L;
        for (FileStatus s : Locks.filesByModificationTime(fs, lockFilesDir, olderThan)) {
            if (s.getPath().getName().equals(DirLock.DIR_LOCK_FILE)) {
                continue;
            }
            LogEntry last = getLastEntryIfStale(fs, s.getPath(), olderThan);
            if (last != null) {
                return new AbstractMap.SimpleImmutableEntry<>(s.getPath(), last);
            }
        }
        return null;
    }

    /** Records progress: where a spout taking the lock over would resume. Also tells the others it is alive. */
    public void heartbeat(String fileOffset) throws IOException {
        logProgress(fileOffset, true);
    }

    // Each entry but the first starts with its newline, so that an entry cut short by a crash stays a line of its own.
    private void logProgress(String fileOffset, boolean newLine) throws IOException {
        LogEntry entry = new LogEntry(System.currentTimeMillis(), componentId, fileOffset);
        out.write(((newLine ? "\n" : "") + entry).getBytes(StandardCharsets.UTF_8));
        out.hflush();
        lastEntry = entry;
    }

    /** Closes and deletes the lock file. */
    public void release() throws IOException {
        out.close();
        if (!fs.delete(lockFile, false)) {
            throw new IOException("Could not delete the lock file " + lockFile);
        }
    }

    /** Closes the lock file without deleting it, as a crash would leave it. */
    void abandon() {
        try {
            out.close();
        } catch (IOException e) {
            LOG.debug("Closing abandoned lock {}: {}", lockFile, e.toString());
        }
    }

    /** The last entry this spout wrote. */
    public LogEntry getLastLogEntry() {
        return lastEntry;
    }

    /** The lock file. */
    public Path getLockFile() {
        return lockFile;
    }

    /** One line of a lock file: when, which spout, and the offset to resume from. */
    public static final class LogEntry {
        public final long eventTime;
        public final String componentId;
        public final String fileOffset;

        /** An entry of {@code componentId} at {@code eventtime} (epoch ms), resuming at {@code fileOffset}. */
        public LogEntry(long eventtime, String componentId, String fileOffset) {
            this.eventTime = eventtime;
            this.componentId = componentId;
            this.fileOffset = fileOffset;
        }

        /**
         * Parses a line of a lock file.
         *
         * @throws IllegalArgumentException naming the line when it is not an entry
         */
        public static LogEntry deserialize(String line) {
            LogEntry e = parse(line);
            if (e == null) {
                throw new IllegalArgumentException("'" + line + "' is not a lock file entry (time,spoutId,offset)");
            }
            return e;
        }

        static LogEntry parse(String line) {
            String[] fields = line.split(",", 3);
            if (fields.length < 3 || fields[2].isEmpty()) {
                return null;
            }
            try {
                return new LogEntry(Long.parseLong(fields[0]), fields[1], fields[2]);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            return eventTime + "," + componentId + "," + fileOffset;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LogEntry e && eventTime == e.eventTime && componentId.equals(e.componentId)
                    && fileOffset.equals(e.fileOffset);
        }

        @Override
        public int hashCode() {
            return (Long.hashCode(eventTime) * 31 + componentId.hashCode()) * 31 + fileOffset.hashCode();
        }
    }
}
