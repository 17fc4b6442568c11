package io.squall.daemon.supervisor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JVM options a supervisor starts a worker with: {@code -Xmx} from {@code worker.heap.memory.mb}, then the
 * user's {@code worker.childopts}, then the topology's {@code topology.worker.childopts}, then a bound on the young
 * generation ({@code -XX:MaxNewSize}, from {@code worker.young.gen.max.mb}) unless those options already size it.
 *
 * <p>Why the bound: a worker's tuples live for microseconds to milliseconds, yet with a large fixed heap
 * ({@code -Xms4g}) G1 grows the young generation to gigabytes, so every tuple is written to memory that is no longer
 * in the CPU's caches. A two-worker word count with {@code -Xms4g -Xmx4g -XX:+UseG1GC} ran at 0.85 M words/s, and
 * at 3.4 M with {@code -XX:MaxNewSize=256m} added (perf/README.md). The bound is at most half the heap.
 */
final class WorkerJvmOptions {
    /** Options that size the young generation: the user's choice is kept when one of these is given. */
    private static final String[] YOUNG_GEN_FLAGS = {"-Xmn", "-XX:NewSize=", "-XX:MaxNewSize=", "-XX:NewRatio=",
            "-XX:G1NewSizePercent=", "-XX:G1MaxNewSizePercent="};

    private WorkerJvmOptions() {
    }

    /**
     * The worker's JVM options.
     *
     * @param heapMb        {@code worker.heap.memory.mb}
     * @param childopts     {@code worker.childopts}, split at spaces
     * @param youngGenMaxMb {@code worker.young.gen.max.mb}; 0 adds no bound
     */
    static List<String> of(int heapMb, String childopts, int youngGenMaxMb) {
        return of(heapMb, childopts, List.of(), youngGenMaxMb);
    }

    /**
     * The worker's JVM options, with the topology's own ({@code topology.worker.childopts}, see
     * {@link TopologyWorkerLaunch}) after the supervisor's: the young generation's bound then follows the last
     * {@code -Xmx} of either, and is left out when either sizes the young generation.
     */
    static List<String> of(int heapMb, String childopts, List<String> topologyOptions, int youngGenMaxMb) {
        List<String> opts = new ArrayList<>();
        opts.add("-Xmx" + heapMb + "m");
        for (String opt : childopts.trim().split("\\s+")) {
            if (!opt.isEmpty()) {
                opts.add(opt);
            }
        }
        opts.addAll(topologyOptions);
        if (youngGenMaxMb > 0 && !sizesYoungGen(opts)) {
            long heap = heapMb(opts, heapMb);
            opts.add("-XX:MaxNewSize=" + Math.max(1, Math.min(youngGenMaxMb, heap / 2)) + "m");
        }
        return opts;
    }

    private static boolean sizesYoungGen(List<String> opts) {
        for (String opt : opts) {
            for (String flag : YOUNG_GEN_FLAGS) {
                if (opt.startsWith(flag)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The heap in MB the last {@code -Xmx} sets (as the JVM takes the last one), or {@code fallbackMb}. */
    private static long heapMb(List<String> opts, long fallbackMb) {
        long mb = fallbackMb;
        for (String opt : opts) {
            if (opt.startsWith("-Xmx")) {
                long parsed = parseMb(opt.substring(4));
                mb = parsed > 0 ? parsed : mb;
            }
        }
        return mb;
    }

    /** {@code 4g}, {@code 512m}, {@code 1048576k} or bytes, in MB; -1 if it does not read as a size. */
    private static long parseMb(String size) {
        String s = size.toLowerCase(Locale.ROOT);
        long unit = 1;
        char last = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
        if (last == 'g' || last == 'm' || last == 'k') {
            unit = last == 'g' ? 1L << 30 : last == 'm' ? 1L << 20 : 1L << 10;
            s = s.substring(0, s.length() - 1);
        }
        try {
            return Long.parseLong(s) * unit / (1L << 20);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
