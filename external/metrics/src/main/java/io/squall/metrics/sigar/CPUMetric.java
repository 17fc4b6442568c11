package io.squall.metrics.sigar;

import io.squall.metric.api.IMetric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The worker process's CPU time since the last bucket, as Storm's storm-metrics {@code CPUMetric}: a map of
 * {@code user-ms} and {@code sys-ms}. Storm reads them through the Sigar native library; Squall reads
 * {@code /proc/self/stat} on Linux, with no native code. Elsewhere, where the kernel does not split them this way,
 * {@code user-ms} carries the process's whole CPU time (from the JVM) and {@code sys-ms} is 0.
 */
public class CPUMetric implements IMetric {
    private static final Logger LOG = LoggerFactory.getLogger(CPUMetric.class);
    private static final Path STAT = Path.of("/proc/self/stat");
    /** Clock ticks per second of {@code /proc}'s times: 100 on every Linux a JVM runs on (USER_HZ). */
    private static final long TICKS_PER_SECOND = 100;

    private long prevUser;
    private long prevSys;

    @Override
    public Object getValueAndReset() {
        long[] now = cpuMillis();
        long user = now[0] - prevUser;
        long sys = now[1] - prevSys;
        prevUser = now[0];
        prevSys = now[1];
        Map<String, Long> value = new HashMap<>();
        value.put("user-ms", user);
        value.put("sys-ms", sys);
        return value;
    }

    /** The process's user and system CPU milliseconds so far. */
    static long[] cpuMillis() {
        if (Files.isReadable(STAT)) {
            try {
                return parseStat(Files.readString(STAT));
            } catch (IOException | RuntimeException e) {
                LOG.debug("Cannot read {}: {}; using the JVM's process CPU time", STAT, e.toString());
            }
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return new long[] {os.getProcessCpuTime() / 1_000_000, 0};
        }
        return new long[] {0, 0};
    }

    /**
     * User and system milliseconds from a {@code /proc/PID/stat} line: utime and stime are the 14th and 15th fields,
     * counted after the command name, which is in parentheses and may hold spaces.
     */
    static long[] parseStat(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
        // fields[0] is the state, the 3rd field of the line; utime is the 14th, so fields[11]
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        return new long[] {utime * 1000 / TICKS_PER_SECOND, stime * 1000 / TICKS_PER_SECOND};
    }
}
