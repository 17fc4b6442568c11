package io.squall.perf;

import io.squall.state.rocksdb.RocksDbLibrary;
import org.rocksdb.RocksDB;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What loading RocksDB's native library costs a JVM at its start, the way a worker's state provider does it
 * ({@code squall}: {@link RocksDbLibrary} with {@code storm.local.dir} = DIR) or the binding's own way
 * ({@code default}: {@link RocksDB#loadLibrary()}, a copy in {@code java.io.tmpdir}). It prints the calling thread's
 * CPU time, the bytes this process wrote ({@code wchar} of {@code /proc/self/io}), the wall time, and the RocksDB
 * files in {@code java.io.tmpdir} once loaded. Run it in a fresh JVM each time: a JVM loads the library once.
 *
 * <pre>usage: NativeLibraryLoadBenchmark squall|default DIR</pre>
 */
public final class NativeLibraryLoadBenchmark {
    private NativeLibraryLoadBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        String mode = args[0];
        // A worker's logging is up before its state provider loads the library: so it is here, not timed.
        LoggerFactory.getLogger(NativeLibraryLoadBenchmark.class).info("Loading RocksDB's native library: {}", mode);
        long wroteBefore = bytesWritten();
        long cpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long wallBefore = System.nanoTime();
        if (mode.equals("squall")) {
            RocksDbLibrary.load(Map.of("storm.local.dir", args[1]));
        } else {
            RocksDB.loadLibrary();
        }
        long wallNs = System.nanoTime() - wallBefore;
        long cpuNs = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuBefore;
        long wrote = bytesWritten() - wroteBefore;
        long leftInTmp;
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            leftInTmp = files.filter(f -> f.getFileName().toString().contains("rocksdbjni")).count();
        }
        System.out.printf("%s: cpu %.1f ms, wrote %.1f MB, wall %.1f ms, rocksdbjni files in java.io.tmpdir %d%n",
                mode, cpuNs / 1e6, wrote / 1e6, wallNs / 1e6, leftInTmp);
    }

    /** Bytes this process has written through system calls so far (Linux). */
    private static long bytesWritten() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
            if (line.startsWith("wchar:")) {
                return Long.parseLong(line.substring(6).trim());
            }
        }
        return -1;
    }
}
