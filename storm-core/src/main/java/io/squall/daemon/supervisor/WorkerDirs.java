package io.squall.daemon.supervisor;

import io.squall.multilang.TopologyResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The directories a supervisor gives its workers as system properties.
 *
 * <ul>
 *   <li>{@code java.io.tmpdir}: a directory per worker port, {@code <supervisor dir>/tmp/<port>}, emptied before
 *       each worker starts on that port. A worker killed with SIGKILL (a restart for missed heartbeats, the
 *       kernel's OOM killer) runs no shutdown hook, so what it and its libraries put in their temporary directory
 *       to delete at exit (native libraries that snappy-java or RocksDB's default loader extract, delete-on-exit
 *       files) would otherwise stay in the machine's {@code /tmp} for good, one set per restart.</li>
 *   <li>{@code squall.native.dir}: where RocksDB's native library is extracted once and loaded from by every
 *       worker of the machine (see {@code io.squall.state.rocksdb.RocksDbLibrary}).</li>
 * </ul>
 *
 * A property {@code worker.childopts} (or {@code JAVA_TOOL_OPTIONS}) sets already is left to it: its directory is
 * neither added nor emptied.
 * Owned by the supervisor's sync thread.
 */
final class WorkerDirs {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerDirs.class);
    static final String TMPDIR = "java.io.tmpdir";
    static final String NATIVE_DIR = "squall.native.dir";

    private final Path tmpRoot;
    private final Path nativeDir;

    /**
     * @param tmpRoot   the directory under which each port gets its temporary directory
     * @param nativeDir the native-library directory the workers share
     */
    WorkerDirs(Path tmpRoot, Path nativeDir) {
        this.tmpRoot = tmpRoot.toAbsolutePath();
        this.nativeDir = nativeDir.toAbsolutePath();
    }

    /** The temporary directory of the workers on {@code port}. */
    Path tmpDir(int port) {
        return tmpRoot.resolve(String.valueOf(port));
    }

    /**
     * Empties (or makes) the temporary directory of {@code port}, whose previous worker is gone, and returns the
     * options that give the next worker its directories. Never stops the worker's start: a directory that cannot be
     * emptied is used as it is, and one that cannot be made is left out (the worker then uses the JVM's default
     * {@code java.io.tmpdir}), each with a warning naming the directory.
     *
     * @param port       the worker's port
     * @param jvmOptions the worker's other JVM options ({@code -Xmx}, {@code worker.childopts}, ...)
     */
    List<String> prepare(int port, List<String> jvmOptions) {
        List<String> out = new ArrayList<>();
        if (!sets(jvmOptions, TMPDIR)) {
            Path tmp = tmpDir(port);
            try {
                TopologyResources.delete(tmp);
            } catch (IOException e) {
                LOG.warn("Cannot empty {}, the temporary directory of the workers on port {} ({}); the next worker "
                        + "starts with what an earlier one left there. Remove what is left by hand.", tmp, port,
                        e.toString());
            }
            try {
                Files.createDirectories(tmp);
                out.add("-D" + TMPDIR + "=" + tmp);
            } catch (IOException e) {
                LOG.warn("Cannot make {}, the temporary directory of the workers on port {} ({}); the worker uses "
                        + "the JVM's default java.io.tmpdir, where a killed worker's files stay. Check that {} is "
                        + "a directory this user may write.", tmp, port, e.toString(), tmpRoot);
            }
        }
        if (!sets(jvmOptions, NATIVE_DIR)) {
            out.add("-D" + NATIVE_DIR + "=" + nativeDir);
        }
        return out;
    }

    /**
     * Deletes the temporary directories of ports other than {@code ports}: a supervisor started with other ports
     * than before runs and adopts no worker on those, so nothing would empty them again.
     */
    void deleteOtherPorts(List<Integer> ports) throws IOException {
        if (!Files.isDirectory(tmpRoot)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(tmpRoot)) {
            for (Path dir : dirs.toList()) {
                if (!ports.contains(parsePort(dir.getFileName().toString()))) {
                    TopologyResources.delete(dir);
                }
            }
        }
    }

    private static int parsePort(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether the worker's options, or {@code JAVA_TOOL_OPTIONS} that every JVM of the machine reads, set it. */
    private static boolean sets(List<String> jvmOptions, String property) {
        String prefix = "-D" + property + "=";
        String toolOptions = System.getenv("JAVA_TOOL_OPTIONS");
        return jvmOptions.stream().anyMatch(o -> o.startsWith(prefix))
                || toolOptions != null && List.of(toolOptions.trim().split("\\s+")).stream()
                        .anyMatch(o -> o.startsWith(prefix));
    }
}
