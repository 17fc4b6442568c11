package io.squall.multilang;

import io.squall.task.TopologyContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One subprocess of a shell component and the three threads that talk to it: a reader that does the handshake
 * and then turns the subprocess's stdout into {@link Event}s on the inbox, a writer that sends the messages
 * queued with {@link #offer}, and a drain of stderr into the log (the last lines are kept for error messages).
 *
 * <p>The owner (the component's executor thread) is the only caller of every method; the threads talk to it
 * only through the two bounded queues, so the owner never blocks on the pipes. A reader that finds the inbox
 * full waits, which is not the subprocess's fault: {@link #silentNanos} does not count that time.
 */
public final class ShellProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ShellProcess.class);
    private static final int STDERR_LINES_KEPT = 10;
    private static final int INBOX_CAPACITY = 1024;

    /** What the reader thread saw. */
    public sealed interface Event permits Connected, Message, Broken { }

    /** The handshake completed. */
    public record Connected(Number pid) implements Event { }

    /** A message from the subprocess. */
    public record Message(ShellMsg msg) implements Event { }

    /** The subprocess's output ended or could not be understood; {@code why} says which. */
    public record Broken(String why, Throwable cause) implements Event { }

    private final String name;
    private final Process process;
    private final ISerializer serializer;
    private final BlockingQueue<Event> inbox = new ArrayBlockingQueue<>(INBOX_CAPACITY);
    private final BlockingQueue<Object> writes;
    /**
     * Answers to emits, sent before any queued tuple: the subprocess waits for them, and behind a full queue of
     * tuples each emit would cost a trip through the whole queue (Storm gives them the same priority).
     */
    private final Queue<List<Integer>> taskIds = new ConcurrentLinkedQueue<>();
    /** One permit per message in {@link #writes} or {@link #taskIds}, for the writer to wait on. */
    private final Semaphore queued = new Semaphore(0);
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final Path pidDir;
    private final Thread reader;
    private final Thread writer;
    private final Thread stderr;
    private volatile long lastHeardNanos = System.nanoTime();
    private volatile boolean readerWaitingForOwner;
    private volatile Number pid;
    private volatile boolean closed;

    private final Map<String, Object> conf;
    private final TopologyContext context;

    private ShellProcess(String name, Process process, ISerializer serializer, int writeCapacity, Path pidDir,
                         Map<String, Object> conf, TopologyContext context) {
        this.name = name;
        this.conf = conf;
        this.context = context;
        this.process = process;
        this.serializer = serializer;
        this.writes = new ArrayBlockingQueue<>(writeCapacity);
        this.pidDir = pidDir;
        this.reader = new Thread(this::readLoop, "shell-reader-" + name);
        this.writer = new Thread(this::writeLoop, "shell-writer-" + name);
        this.stderr = new Thread(this::stderrLoop, "shell-stderr-" + name);
        for (Thread t : new Thread[] {reader, writer, stderr}) {
            t.setDaemon(true);
        }
    }

    /**
     * Starts {@code command} in {@code workingDir} (null: the worker's) and begins the handshake; its outcome
     * arrives on the inbox as {@link Connected} or {@link Broken}.
     *
     * @param name          names the component and task in thread names and logs
     * @param writeCapacity most messages queued for the subprocess before {@link #offer} refuses
     * @throws IOException if the command cannot be started (not found, not executable)
     */
    public static ShellProcess start(String name, List<String> command, Map<String, String> env, File workingDir,
                                     ISerializer serializer, int writeCapacity, Map<String, Object> conf,
                                     TopologyContext context) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        if (workingDir != null) {
            builder.directory(workingDir);
        }
        Path pidDir = context.getPIDDir() == null ? null : Path.of(context.getPIDDir());
        if (pidDir != null) {
            Files.createDirectories(pidDir);
        }
        Process process = builder.start();
        serializer.initialize(process.getOutputStream(), process.getInputStream());
        ShellProcess p = new ShellProcess(name, process, serializer, writeCapacity, pidDir, conf, context);
        p.stderr.start();
        p.reader.start();
        return p;
    }

    private void readLoop() {
        try {
            Number p = serializer.connect(conf, context);
            pid = p;
            heard();
            writer.start();
            deliver(new Connected(p));
            while (!closed) {
                ShellMsg msg = serializer.readShellMsg();
                heard();
                deliver(new Message(msg));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (NoOutputException e) {
            deliverQuietly(new Broken(e.getMessage() + exitInfo(), e));
        } catch (IOException | RuntimeException e) {
            deliverQuietly(new Broken(e.getMessage() + exitInfo(), e));
        }
    }

    private void writeLoop() {
        try {
            while (!closed) {
                if (!queued.tryAcquire()) {
                    serializer.flush();
                    queued.acquire();
                }
                List<Integer> ids = taskIds.poll();
                if (ids != null) {
                    serializer.writeTaskIds(ids);
                    continue;
                }
                Object msg = writes.poll();
                if (msg instanceof BoltMsg b) {
                    serializer.writeBoltMsg(b);
                } else if (msg instanceof SpoutMsg s) {
                    serializer.writeSpoutMsg(s);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                deliverQuietly(new Broken("cannot write to the subprocess: " + e.getMessage() + exitInfo(), e));
            }
        }
    }

    private void stderrLoop() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                LOG.warn("{} stderr: {}", name, line);
                synchronized (stderrTail) {
                    stderrTail.addLast(line);
                    if (stderrTail.size() > STDERR_LINES_KEPT) {
                        stderrTail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("stderr of {} closed: {}", name, e.getMessage());
        }
    }

    private void heard() {
        lastHeardNanos = System.nanoTime();
    }

    private void deliver(Event e) throws InterruptedException {
        if (!inbox.offer(e)) {
            readerWaitingForOwner = true;
            try {
                inbox.put(e);
            } finally {
                readerWaitingForOwner = false;
                heard();
            }
        }
    }

    private void deliverQuietly(Event e) {
        try {
            deliver(e);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits briefly for the process to end, then says how it ended and what it last wrote to stderr. */
    private String exitInfo() {
        StringBuilder info = new StringBuilder();
        try {
            if (process.waitFor(500, TimeUnit.MILLISECONDS)) {
                info.append("; exit code ").append(process.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            stderr.join(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String tail = stderrTail();
        if (!tail.isEmpty()) {
            info.append("; its stderr ends with: ").append(tail);
        }
        return info.toString();
    }

    /** The last lines the subprocess wrote to stderr, joined by " | ". */
    public String stderrTail() {
        synchronized (stderrTail) {
            return String.join(" | ", stderrTail);
        }
    }

    /** The next event, waiting up to {@code timeoutNanos}; null if none came. */
    public Event poll(long timeoutNanos) throws InterruptedException {
        return timeoutNanos <= 0 ? inbox.poll() : inbox.poll(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** Queues a {@link BoltMsg} or {@link SpoutMsg}; false if the queue is full. */
    public boolean offer(Object msg) {
        if (writes.offer(msg)) {
            queued.release();
            return true;
        }
        return false;
    }

    /** Queues the task ids that answer an emit, ahead of every queued tuple. Never refuses. */
    public void sendTaskIds(List<Integer> ids) {
        taskIds.add(ids);
        queued.release();
    }

    /**
     * How long the subprocess has said nothing while the reader was waiting for it: 0 while the reader waits for
     * the owner to take events.
     */
    public long silentNanos(long nowNanos) {
        return readerWaitingForOwner ? 0 : nowNanos - lastHeardNanos;
    }

    /** The pid the subprocess reported in the handshake, or null before it. */
    public Number pid() {
        return pid;
    }

    /** Kills the subprocess and stops the threads; deletes its pid file. */
    public void close() {
        closed = true;
        process.destroy();
        try {
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        writer.interrupt();
        reader.interrupt();
        Number p = pid;
        if (pidDir != null && p != null) {
            try {
                Files.deleteIfExists(pidDir.resolve(String.valueOf(p)));
            } catch (IOException e) {
                LOG.debug("Cannot delete the pid file of {}: {}", name, e.getMessage());
            }
        }
    }
}
