package io.squall.daemon.logviewer;

import io.squall.config.ConfigKeys;
import io.squall.config.DaemonConfig;
import io.squall.daemon.supervisor.WorkerCommandLine;
import io.squall.daemon.supervisor.WorkerCommandLine.Slot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The logviewer's cleanup of worker logs, as Storm's: every {@code logviewer.cleanup.interval.secs} it deletes the
 * files of dead workers last written more than {@code logviewer.cleanup.age.mins} ago, then, while the worker logs
 * together take more than {@code logviewer.max.sum.worker.logs.size.mb}, the oldest remaining files of dead workers.
 * A file of a worker that runs on this machine (found by the command lines of its processes) is never deleted, nor
 * one written in the last {@link #QUIET_MS} ms, which covers a worker starting while the processes are read.
 *
 * <p>One thread, its own, runs the cleanups; {@link #select} is a pure function of what it is given.
 */
public final class LogCleaner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogCleaner.class);
    /** A file written this recently is kept whatever the process scan says. */
    static final long QUIET_MS = 60_000;

    private final LogFiles files;
    private final Settings settings;
    private final Supplier<Set<Slot>> liveWorkers;
    private final LongSupplier clockMs;
    /** The cleanup thread; null until {@link #start} schedules the cleanups. */
    private ScheduledExecutorService thread;

    /**
     * When and what to clean. Immutable.
     *
     * @param intervalMs  {@code logviewer.cleanup.interval.secs}, in ms
     * @param maxAgeMs    {@code logviewer.cleanup.age.mins}, in ms
     * @param maxSumBytes {@code logviewer.max.sum.worker.logs.size.mb}, in bytes
     */
    public record Settings(long intervalMs, long maxAgeMs, long maxSumBytes) {
        /** The settings of a daemon's configuration (validated when it was loaded). */
        public static Settings of(DaemonConfig conf) {
            return new Settings(conf.getInt(ConfigKeys.LOGVIEWER_CLEANUP_INTERVAL_SECS) * 1000L,
                    conf.getInt(ConfigKeys.LOGVIEWER_CLEANUP_AGE_MINS) * 60_000L,
                    conf.getInt(ConfigKeys.LOGVIEWER_MAX_SUM_WORKER_LOGS_SIZE_MB) * (1L << 20));
        }
    }

    /** One worker log file as the cleanup sees it. */
    record WorkerLog(Path path, Slot worker, long bytes, long modifiedMs) {
    }

    /**
     * Starts cleaning {@code files}' root now and every interval, keeping the logs of the workers running on this
     * machine.
     */
    public static LogCleaner start(LogFiles files, Settings settings) {
        LogCleaner cleaner = new LogCleaner(files, settings, LogCleaner::runningWorkers, System::currentTimeMillis);
        cleaner.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "logviewer-cleanup");
            t.setDaemon(true);
            return t;
        });
        cleaner.thread.scheduleWithFixedDelay(cleaner::cleanSafely, 0, settings.intervalMs(), TimeUnit.MILLISECONDS);
        return cleaner;
    }

    /** A cleaner that runs only when {@link #cleanOnce} is called, for tests. */

    LogCleaner(LogFiles files, Settings settings, Supplier<Set<Slot>> liveWorkers, LongSupplier clockMs) {
        this.files = files;
        this.settings = settings;
        this.liveWorkers = liveWorkers;
        this.clockMs = clockMs;
    }

    /**
     * The files to delete, in the order to delete them: first the files of dead workers older than the age, then,
     * while all the files together are over the size cap, the oldest remaining files of dead workers.
     *
     * @param logs  every worker log file under the root
     * @param live  the workers that run
     * @param nowMs the time now
     */
    static List<WorkerLog> select(List<WorkerLog> logs, Set<Slot> live, long nowMs, Settings settings) {
        List<WorkerLog> deletable = logs.stream()
                .filter(l -> !live.contains(l.worker()) && nowMs - l.modifiedMs() > QUIET_MS)
                .sorted(Comparator.comparingLong(WorkerLog::modifiedMs).thenComparing(l -> l.path().toString()))
                .toList();
        List<WorkerLog> out = new ArrayList<>();
        long total = logs.stream().mapToLong(WorkerLog::bytes).sum();
        for (WorkerLog l : deletable) {
            if (nowMs - l.modifiedMs() > settings.maxAgeMs() || total > settings.maxSumBytes()) {
                out.add(l);
                total -= l.bytes();
            }
        }
        return out;
    }

    /** Runs one cleanup now. Called on the cleanup thread; tests call it directly. */
    List<Path> cleanOnce() throws IOException {
        long now = clockMs.getAsLong();
        Set<Slot> live = liveWorkers.get();
        List<Path> deleted = new ArrayList<>();
        for (WorkerLog l : select(workerLogs(), live, now, settings)) {
            boolean old = now - l.modifiedMs() > settings.maxAgeMs();
            try {
                if (Files.deleteIfExists(l.path())) {
                    deleted.add(l.path());
                    LOG.info("Deleted {} ({} bytes, last written {}) of dead worker {}:{}: {}", l.path().getFileName(),
                            l.bytes(), Instant.ofEpochMilli(l.modifiedMs()), l.worker().topologyId(), l.worker().port(),
                            old ? "older than logviewer.cleanup.age.mins"
                                    : "worker logs over logviewer.max.sum.worker.logs.size.mb");
                }
            } catch (IOException e) {
                LOG.warn("Cannot delete worker log {}: {}", l.path(), e.toString());
            }
        }
        return deleted;
    }

    private List<WorkerLog> workerLogs() throws IOException {
        List<WorkerLog> out = new ArrayList<>();
        for (String name : files.workerLogs(null, null)) {
            LogFiles.LogFile f;
            try {
                f = files.resolve(name);
                out.add(new WorkerLog(f.path(), new Slot(f.topologyId(), f.port()), Files.size(f.path()),
                        Files.getLastModifiedTime(f.path()).toMillis()));
            } catch (NoSuchFileException | LogRequestException e) {
                // Rolled over or deleted since it was listed.
            }
        }
        return out;
    }

    private void cleanSafely() {
        try {
            cleanOnce();
        } catch (Throwable t) {
            LOG.warn("Worker log cleanup failed; trying again in {} s", settings.intervalMs() / 1000, t);
            if (t instanceof Error e) {
                throw e;
            }
        }
    }

    /** The workers whose processes run on this machine, by their command lines. */
    static Set<Slot> runningWorkers() {
        return ProcessHandle.allProcesses().map(p -> WorkerCommandLine.slot(WorkerCommandLine.of(p)))
                .filter(s -> s != null).collect(Collectors.toSet());
    }

    /** Stops cleaning: no cleanup starts after this returns. */
    @Override
    public void close() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}
