package io.squall.daemon.supervisor;

import io.squall.multilang.TopologyResources;

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
 * A property {@code worker.childopts} sets already is left to it: its directory is neither added nor emptied.
 * Owned by the supervisor's sync thread.
 */
final class WorkerDirs {
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
     * options that give the next worker its directories.
     *
     * @param port       the worker's port
     * @param jvmOptions the worker's other JVM options ({@code -Xmx}, {@code worker.childopts}, ...)
     */
    List<String> prepare(int port, List<String> jvmOptions) throws IOException {
        List<String> out = new ArrayList<>();
        if (!sets(jvmOptions, TMPDIR)) {
            Path tmp = tmpDir(port);
            TopologyResources.delete(tmp);
            Files.createDirectories(tmp);
            out.add("-D" + TMPDIR + "=" + tmp);
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

    private static boolean sets(List<String> jvmOptions, String property) {
        String prefix = "-D" + property + "=";
        return jvmOptions.stream().anyMatch(o -> o.startsWith(prefix));
    }
}
