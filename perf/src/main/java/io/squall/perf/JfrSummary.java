package io.squall.perf;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one JFR recording of a worker says per unit of work: bytes allocated by each thread (from
 * {@code jdk.ThreadAllocationStatistics}, exact), GC collections and pauses, and where the allocation samples
 * ({@code jdk.ObjectAllocationSample}, by class and the first Squall frame) and the execution samples (by thread
 * and top frame) fall. Given the rate of units of work while recording (words/s of the benchmark), the byte and GC
 * figures are also given per unit, over the span between the first and the last allocation statistics.
 *
 * <pre>usage: JfrSummary file.jfr [unitsPerSec] [top]</pre>
 */
public final class JfrSummary {
    private JfrSummary() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 0;
        int top = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        Map<String, long[]> allocatedByThread = new HashMap<>(); // first, last
        Map<String, Long> sampledBytes = new HashMap<>();
        Map<String, Long> executionSamples = new HashMap<>();
        Map<String, Long> samplesByThread = new HashMap<>();
        long gcs = 0;
        long gcPauseNanos = 0;
        long gcNanos = 0;
        long firstStatsNanos = Long.MAX_VALUE;
        long lastStatsNanos = Long.MIN_VALUE;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            switch (e.getEventType().getName()) {
                case "jdk.ThreadAllocationStatistics" -> {
                    RecordedThread t = e.getThread("thread");
                    String name = t == null ? "?" : t.getJavaName() + "#" + t.getJavaThreadId();
                    long a = e.getLong("allocated");
                    long at = e.getStartTime().getEpochSecond() * 1_000_000_000L + e.getStartTime().getNano();
                    firstStatsNanos = Math.min(firstStatsNanos, at);
                    lastStatsNanos = Math.max(lastStatsNanos, at);
                    allocatedByThread.merge(name, new long[] {a, a},
                            (x, y) -> new long[] {Math.min(x[0], y[0]), Math.max(x[1], y[1])});
                }
                case "jdk.GarbageCollection" -> {
                    gcs++;
                    gcPauseNanos += e.getDuration("sumOfPauses").toNanos();
                    gcNanos += e.getDuration().toNanos();
                }
                case "jdk.ObjectAllocationSample" -> {
                    String key = threadName(e) + " | " + e.getClass("objectClass").getName() + " | "
                            + firstSquallFrame(e.getStackTrace());
                    sampledBytes.merge(key, e.getLong("weight"), Long::sum);
                }
                case "jdk.ExecutionSample" -> {
                    String thread = threadName(e, "sampledThread");
                    samplesByThread.merge(thread, 1L, Long::sum);
                    executionSamples.merge(thread + " | " + topFrames(e.getStackTrace(), 2), 1L, Long::sum);
                }
                default -> {
                }
            }
        }
        long allocated = 0;
        double spanSecs = (lastStatsNanos - firstStatsNanos) / 1e9;
        double units = rate * spanSecs;
        System.out.printf("== bytes allocated by thread over %.1f s (ThreadAllocationStatistics)%s%n", spanSecs,
                units > 0 ? String.format(", per unit at %,.0f units/s", rate) : "");
        List<Map.Entry<String, long[]>> threads = allocatedByThread.entrySet().stream()
                .sorted(Comparator.comparingLong(en -> en.getValue()[0] - en.getValue()[1])).toList();
        for (Map.Entry<String, long[]> en : threads) {
            long bytes = en.getValue()[1] - en.getValue()[0];
            allocated += bytes;
            if (bytes > 0 && threads.indexOf(en) < top) {
                System.out.printf("  %-40s %,16d%s%n", en.getKey(), bytes,
                        units > 0 ? String.format("  %10.1f /unit", bytes / units) : "");
            }
        }
        System.out.printf("  %-40s %,16d%s%n", "all threads", allocated,
                units > 0 ? String.format("  %10.1f /unit", allocated / units) : "");
        System.out.printf("== GC: %d collections, pauses %.1f ms, durations %.1f ms%s%n", gcs, gcPauseNanos / 1e6,
                gcNanos / 1e6, units > 0 ? String.format(" (%.1f ns of pause per unit)", gcPauseNanos / units) : "");
        print("allocation samples (thread | class | first Squall frame), share of sampled bytes", sampledBytes, top);
        print("execution samples by thread", samplesByThread, top);
        print("execution samples (thread | top frames)", executionSamples, top * 2);
    }

    private static void print(String title, Map<String, Long> counts, int top) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("== %s (total %,d)%n", title, total);
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(en -> System.out.printf("  %5.1f%%  %s%n", 100.0 * en.getValue() / total, en.getKey()));
    }

    private static String threadName(RecordedEvent e) {
        return threadName(e, "eventThread");
    }

    private static String threadName(RecordedEvent e, String field) {
        RecordedThread t = e.getThread(field);
        return t == null ? "?" : t.getJavaName();
    }

    private static String firstSquallFrame(RecordedStackTrace stack) {
        if (stack == null) {
            return "?";
        }
        for (RecordedFrame f : stack.getFrames()) {
            String type = f.getMethod().getType().getName();
            if (type.startsWith("io.squall.") || type.startsWith("bench.")) {
                return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName() + ":"
                        + f.getLineNumber();
            }
        }
        return "-";
    }

    private static String topFrames(RecordedStackTrace stack, int n) {
        if (stack == null) {
            return "?";
        }
        StringBuilder b = new StringBuilder();
        List<RecordedFrame> frames = stack.getFrames();
        for (int i = 0; i < Math.min(n, frames.size()); i++) {
            String type = frames.get(i).getMethod().getType().getName();
            b.append(i == 0 ? "" : " < ").append(type.substring(type.lastIndexOf('.') + 1)).append('.')
                    .append(frames.get(i).getMethod().getName());
        }
        return b.toString();
    }
}
