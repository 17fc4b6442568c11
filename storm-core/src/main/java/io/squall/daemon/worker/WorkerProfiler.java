package io.squall.daemon.worker;

import com.sun.management.HotSpotDiagnosticMXBean;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Carries out in this worker's JVM the profiling and debugging actions Nimbus hands out with its metrics reports'
 * answers (Storm UI's {@code profiling/...} paths), with the JDK's own tools, no external process: a thread dump
 * ({@code dumpjstack}), a heap dump of the live objects ({@code dumpheap}), a restart ({@code restartworker}: the
 * worker exits and its supervisor starts it again), and a JFR recording ({@code record} until a time, dumped so far by
 * {@code dumpprofile}, ended by {@code stop} or its time). Dumps are written beside the worker's log, named after it
 * ({@code worker-ID-PORT.log} gives {@code worker-ID-PORT.jstack-TIME.txt}, {@code .heap-TIME.hprof},
 * {@code .recording-TIME.jfr}), where the logviewer lists and serves them with the worker's log. A failure is
 * logged; the worker goes on. The metrics reporter's thread only.
 */
final class WorkerProfiler {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerProfiler.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    /** The exit status of a worker restarted on request, as for any worker that ends: its supervisor restarts it. */
    static final int RESTART_STATUS = 20;

    /** The worker's log file; dumps are named after it. */
    private final Path log;
    private final IntConsumer exit;
    private Recording recording;
    private long recordingUntilMs;

    /**
     * @param log  the worker's log file ({@code squall.worker.log.file}); dumps go beside it
     * @param exit ends the JVM with a status, for {@code restartworker}
     */
    WorkerProfiler(Path log, IntConsumer exit) {
        this.log = log.toAbsolutePath();
        this.exit = exit;
    }

    /** The profiler of a worker the supervisor started: its log from {@code squall.worker.log.file}, or null. */
    static WorkerProfiler ofWorkerLog() {
        String file = System.getProperty("squall.worker.log.file");
        return file == null || file.isBlank() ? null : new WorkerProfiler(Path.of(file), System::exit);
    }

    /** Carries out the actions of a report's answer, in order; ends a recording whose time is up. */
    void apply(List<Map<String, Object>> actions, long nowMs) {
        boolean recordingAsked = false;
        for (Map<String, Object> a : actions) {
            String action = String.valueOf(a.get("action"));
            try {
                switch (action) {
                    case "record" -> {
                        recordingAsked = true;
                        record(a.get("untilMs") instanceof Number n ? n.longValue() : nowMs);
                    }
                    case "dumpjstack" -> threadDump();
                    case "dumpheap" -> heapDump();
                    case "dumpprofile" -> dumpRecording();
                    case "stop" -> stopRecording();
                    case "restartworker" -> {
                        LOG.warn("Restarting this worker, as asked through Nimbus; its supervisor starts it again");
                        // On a thread of its own: the shutdown hooks stop the thread that called this.
                        new Thread(() -> exit.accept(RESTART_STATUS), "worker-restart").start();
                    }
                    default -> LOG.warn("Ignoring unknown profiling action '{}' from Nimbus", action);
                }
            } catch (IOException | RuntimeException | ParseException e) {
                LOG.warn("Profiling action '{}' failed: {}", action, e.toString());
            }
        }
        if (recording != null && (nowMs >= recordingUntilMs || !recordingAsked)) {
            try {
                stopRecording();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Ending the recording failed: {}", e.toString());
            }
        }
    }

    /** The file of a dump of {@code kind} made now, beside the log. */
    Path dumpFile(String kind, String extension) {
        return log.resolveSibling(log.getFileName() + "." + kind + "-" + LocalDateTime.now().format(TIME) + "."
                + extension);
    }

    private void threadDump() throws IOException {
        StringBuilder b = new StringBuilder();
        b.append(LocalDateTime.now()).append("\nFull thread dump of worker process ")
                .append(ProcessHandle.current().pid()).append(" (").append(System.getProperty("java.vm.name"))
                .append(' ').append(System.getProperty("java.vm.version")).append("):\n\n");
        for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            appendThread(b, t);
        }
        Path file = dumpFile("jstack", "txt");
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
        LOG.info("Wrote a thread dump to {}", file);
    }

    /** One thread as jstack prints it: its header, every frame, and the locks it holds and waits for. */
    private static void appendThread(StringBuilder b, ThreadInfo t) {
        b.append('"').append(t.getThreadName()).append("\" #").append(t.getThreadId())
                .append(t.isDaemon() ? " daemon" : "").append(" prio=").append(t.getPriority())
                .append("\n   java.lang.Thread.State: ").append(t.getThreadState()).append('\n');
        StackTraceElement[] frames = t.getStackTrace();
        MonitorInfo[] monitors = t.getLockedMonitors();
        for (int i = 0; i < frames.length; i++) {
            b.append("\tat ").append(frame(frames[i])).append('\n');
            if (i == 0 && t.getLockInfo() != null) {
                b.append("\t- waiting on ").append(t.getLockInfo()).append('\n');
            }
            for (MonitorInfo m : monitors) {
                if (m.getLockedStackDepth() == i) {
                    b.append("\t- locked ").append(m).append('\n');
                }
            }
        }
        LockInfo[] synchronizers = t.getLockedSynchronizers();
        if (synchronizers.length > 0) {
            b.append("\n   Locked ownable synchronizers:\n");
            for (LockInfo l : synchronizers) {
                b.append("\t- ").append(l).append('\n');
            }
        }
        b.append('\n');
    }

    /** A frame as jstack prints it: {@code class.method(File.java:line)}, without the class loader's name. */
    private static String frame(StackTraceElement e) {
        String where = e.isNativeMethod() ? "Native Method"
                : e.getFileName() == null ? "Unknown Source"
                : e.getLineNumber() >= 0 ? e.getFileName() + ":" + e.getLineNumber() : e.getFileName();
        return e.getClassName() + "." + e.getMethodName() + "(" + where + ")";
    }

    private void heapDump() throws IOException {
        Path file = dumpFile("heap", "hprof");
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(file.toString(), true);
        LOG.info("Wrote a heap dump of the live objects to {}", file);
    }

    /** Starts a recording until {@code untilMs}, or moves the end of the one running. */
    private void record(long untilMs) throws IOException, ParseException {
        recordingUntilMs = untilMs;
        if (recording == null) {
            Recording r = new Recording(Configuration.getConfiguration("profile"));
            r.setName("squall-worker-profile");
            r.setToDisk(true);
            r.start();
            recording = r;
            LOG.info("Started a JFR recording until {}", java.time.Instant.ofEpochMilli(untilMs));
        }
    }

    /** Writes what the running recording holds so far, and keeps it running. */
    private void dumpRecording() throws IOException {
        if (recording == null) {
            LOG.warn("No recording runs: start one before dumping it");
            return;
        }
        Path file = dumpFile("recording", "jfr");
        recording.dump(file);
        LOG.info("Wrote the JFR recording so far to {}", file);
    }

    /** Ends the running recording and writes it. */
    private void stopRecording() throws IOException {
        if (recording == null) {
            return;
        }
        Recording r = recording;
        recording = null;
        Path file = dumpFile("recording", "jfr");
        try {
            r.stop();
            r.dump(file);
            LOG.info("Ended the JFR recording and wrote it to {}", file);
        } finally {
            r.close();
        }
    }

    /** Whether a recording runs. */
    boolean recording() {
        return recording != null;
    }

    /** Ends a running recording, writing it; the worker stops. */
    void close() {
        try {
            stopRecording();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ending the recording failed: {}", e.toString());
        }
    }
}
