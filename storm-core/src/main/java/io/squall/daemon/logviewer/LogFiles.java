package io.squall.daemon.logviewer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The log files one logviewer may serve: the regular files under its log root ({@code squall.logs.dir}, where the
 * supervisor's workers write {@code worker-TOPOLOGY_ID-PORT.log} and the files it rolls to), and nothing else. A requested name is a path
 * relative to the root; it is refused when it is empty, absolute, has a {@code ..} segment or a NUL, normalizes
 * outside the root, or is (or goes through) a symbolic link that leads outside it. A file whose name is a worker's
 * log belongs to that worker's topology; any other file in the root is a daemon's log. Storm's name of a worker's log,
 * {@code TOPOLOGY_ID/PORT/worker.log}, is another name of the same file.
 *
 * <p>Immutable and thread-safe; every call reads the file system anew.
 */
public final class LogFiles {
    /**
     * A worker's files, as the supervisor names them (topology ids are {@code NAME-MILLIS}): its log
     * {@code worker-TOPOLOGY_ID-PORT.log}, the older files the log rolled to ({@code .log.1}, {@code .log.2}, ...),
     * {@code .out}, what the worker's JVM wrote to its standard output and error past the log, and the dumps it wrote
     * on request ({@code .log.jstack-TIME.txt}, {@code .log.heap-TIME.hprof}, {@code .log.recording-TIME.jfr}), and
     * {@code .events.log}, the tuples sampled while it was debugged (Storm's {@code TOPOLOGY_ID/PORT/events.log}).
     */
    private static final Pattern WORKER_LOG = Pattern.compile("worker-([A-Za-z0-9_-]+-\\d+)-(\\d{1,5})\\."
            + "(?:log(?:\\.\\d{1,2})?|out|events\\.log|log\\.(?:jstack|heap|recording)-\\d{8}-\\d{6}-\\d{3}\\.(?:txt|hprof|jfr))");

    /** The dumps a worker wrote on request beside its log (thread and heap dumps, JFR recordings). */
    private static final Pattern DUMP = Pattern.compile(".*\\.log\\.(?:jstack|heap|recording)-[0-9-]+\\.[a-z]+");

    /**
     * Storm's name for a worker's files, {@code TOPOLOGY_ID/PORT/worker.log} (and {@code worker.log.N},
     * {@code worker.out}), as Storm's logviewer links and tools that download worker logs build it. It names the
     * same file as Squall's {@code worker-TOPOLOGY_ID-PORT.log}, so links made for Storm work unchanged.
     */
    private static final Pattern STORM_WORKER_LOG =
            Pattern.compile("([A-Za-z0-9_-]+-\\d+)/(\\d{1,5})/(?:worker\\.(log(?:\\.\\d{1,2})?|out)|(events\\.log))");

    private final Path root;

    /**
     * @param root the log root; it need not exist yet (a supervisor makes it when it starts)
     */
    public LogFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The log root, absolute and normalized. */
    public Path root() {
        return root;
    }

    /** A file that may be served: its name as requested, its path, and whose log it is. */
    public record LogFile(String name, Path path, String topologyId, Integer port) {
        /** Whether it is a worker's log (else a daemon's). */
        public boolean isWorkerLog() {
            return topologyId != null;
        }
    }

    /**
     * Resolves a requested file name to a file under the root.
     *
     * @throws LogRequestException 400 for a malformed name, 403 for one that leads outside the root, 404 for a
     *                             file that does not exist or is not a regular file
     */
    public LogFile resolve(String name) {
        if (name == null || name.isBlank()) {
            throw new LogRequestException(400, "Missing file: give file=NAME, a path relative to the log root "
                    + "(see /api/v1/list-logs)");
        }
        if (name.indexOf('\0') >= 0) {
            throw new LogRequestException(400, "Bad file name: it holds a NUL character");
        }
        String slashed = squallName(name.replace('\\', '/'));
        if (slashed.startsWith("/") || slashed.matches("^[A-Za-z]:.*")) {
            throw new LogRequestException(400, "Absolute paths are refused: give a path relative to the log root, "
                    + "as /api/v1/list-logs lists them, not '" + name + "'");
        }
        for (String segment : slashed.split("/")) {
            if (segment.equals("..")) {
                throw new LogRequestException(400, "Paths with '..' are refused: give a path relative to the log "
                        + "root, as /api/v1/list-logs lists them, not '" + name + "'");
            }
        }
        Path path;
        try {
            path = root.resolve(slashed).normalize();
        } catch (InvalidPathException e) {
            throw new LogRequestException(400, "Bad file name '" + name + "': " + e.getReason());
        }
        if (!path.startsWith(root) || path.equals(root)) {
            throw new LogRequestException(403, "'" + name + "' is outside the log root; only files under it are "
                    + "served");
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw new LogRequestException(404, "No log file '" + name + "' on this host (see /api/v1/list-logs)");
        } catch (IOException e) {
            throw new LogRequestException(404, "Cannot read log file '" + name + "': " + e.getMessage());
        }
        if (!real.startsWith(realRoot())) {
            throw new LogRequestException(403, "'" + name + "' is a symbolic link (or under one) that leads outside "
                    + "the log root; only files under it are served");
        }
        if (!Files.isRegularFile(real)) {
            throw new LogRequestException(404, "'" + name + "' is not a log file (a directory or a special file)");
        }
        // Whose log it is follows the file itself (a link named like a worker's log to a daemon's log is the
        // daemon's), and only the supervisor's own files, directly in the root, are workers' logs.
        Matcher m = WORKER_LOG.matcher(real.getFileName().toString());
        return m.matches() && realRoot().equals(real.getParent())
                ? new LogFile(name, real, m.group(1), Integer.valueOf(m.group(2)))
                : new LogFile(name, real, null, null);
    }

    /** Storm's name of a worker's file turned into the name the supervisor writes; any other name as it is. */
    private static String squallName(String name) {
        Matcher m = STORM_WORKER_LOG.matcher(name);
        return m.matches() ? "worker-" + m.group(1) + "-" + m.group(2) + "." + (m.group(3) != null ? m.group(3)
                : m.group(4)) : name;
    }

    private Path realRoot() {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            return root;
        }
    }

    /**
     * The names of the worker logs under the root, sorted, optionally only those of one topology and one port;
     * symbolic links and files in subdirectories are not listed. Empty when the root does not exist.
     *
     * @param topologyId the topology id, or null for every topology
     * @param port       the worker port, or null for every port
     */
    public List<String> workerLogs(String topologyId, Integer port) throws IOException {
        List<String> out = new ArrayList<>();
        for (String name : regularFiles()) {
            Matcher m = WORKER_LOG.matcher(name);
            if (m.matches() && (topologyId == null || topologyId.equals(m.group(1)))
                    && (port == null || port.equals(Integer.valueOf(m.group(2))))) {
                out.add(name);
            }
        }
        return out;
    }

    /** Whether a worker's file is one of its dumps (not its log). */
    public static boolean isDump(String name) {
        return DUMP.matcher(name).matches();
    }

    /** The names of the daemons' logs: every regular file in the root that is not a worker's log, sorted. */
    public List<String> daemonLogs() throws IOException {
        return regularFiles().stream().filter(n -> !WORKER_LOG.matcher(n).matches()).toList();
    }

    private List<String> regularFiles() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The log file name of the worker of {@code topologyId} on {@code port}, as the supervisor writes it. */
    public static String workerLogName(String topologyId, int port) {
        return "worker-" + topologyId + "-" + port + ".log";
    }
}
