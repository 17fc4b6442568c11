package io.squall.runtime.state;

import io.squall.Await;
import io.squall.Config;
import io.squall.runtime.state.clustertest.StatefulClusterWindows;
import io.squall.runtime.state.clustertest.StatefulClusterWindows.Fired;
import io.squall.runtime.state.clustertest.StatefulClusterWordCount;
import io.squall.testsupport.ClusterLauncher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@link StatefulClusterWindows} (a sliding event-time window with {@code withPersistence()}) on a running
 * cluster over two workers, kills the worker that holds the window with SIGKILL once a third of the readings are
 * acked (its windows hold tuples that no window has shown yet), and checks what the windows showed once every
 * reading is acked: each window evaluated with exactly the readings of its time range, a window evaluated again
 * (one that fired after the last commit before the kill) with the same tuples, every reading in the
 * {@code getNew()} of exactly one window, a window after the kill holding readings acked before it (restored,
 * not replayed), and each window's update in the committed state once. Meant to run beside
 * {@link StatefulClusterRun} on its cluster (see {@link StatefulClusterRun.Alongside}).
 */
public final class StatefulWindowClusterRun implements StatefulClusterRun.Alongside {
    private static final Duration LONG = Duration.ofSeconds(240);

    private final String name;
    private final String provider;
    private final String providerConfig;
    private final int readings;
    private final Function<Map<String, Object>, Map<Long, Object>> committed;
    private String summary = "not run";

    /**
     * @param committed reads the window bolt's committed state (by window end, and the total under
     *                  {@link StatefulClusterWindows#TOTAL_KEY}) from the topology's configuration, while it runs
     */
    public StatefulWindowClusterRun(String name, String provider, String providerConfig, int readings,
                                    Function<Map<String, Object>, Map<Long, Object>> committed) {
        this.name = name;
        this.provider = provider;
        this.providerConfig = providerConfig;
        this.readings = readings;
        this.committed = committed;
    }

    @Override
    public int workers() {
        return 2;
    }

    /** What the run measured, as one line. */
    public String summary() {
        return summary;
    }

    @Override
    public void run(ClusterLauncher cluster, Path jar) throws Exception {
        long start = System.nanoTime();
        Path records = Files.createDirectories(cluster.base().resolve("records-" + name));
        ClusterSteps.submit(cluster, jar, StatefulClusterWindows.class, name, records.toString(),
                String.valueOf(readings), provider, providerConfig);
        ClusterSteps.awaitWorkers(cluster, name, 2, LONG, cluster::workerLogs);

        Await.until(LONG, ClusterSteps.atMostEvery(() -> acked(records).size() >= readings / 3 && holder(cluster, records) > 0),
                () -> name + ": a third of the readings acked and the window's worker known: "
                        + acked(records).size() + " acked; " + cluster.workerLogs());
        long victim = holder(cluster, records);
        Set<Long> before = cluster.workerPids(name);
        ClusterSteps.killWorker(victim);
        double killedAt = ClusterSteps.secondsSince(start);
        Set<Integer> ackedAtKill = acked(records);
        assertTrue(ackedAtKill.size() < readings, name + ": killed mid-run, " + ackedAtKill.size() + " of "
                + readings + " acked");

        long lastEnd = ((readings - 1) * StatefulClusterWindows.STEP_MS - StatefulClusterWindows.LAG_MS)
                / StatefulClusterWindows.SLIDE_MS * StatefulClusterWindows.SLIDE_MS - StatefulClusterWindows.SLIDE_MS;
        Map<Long, List<Integer>> expected = expectedWindows(lastEnd);
        Map<String, Object> conf = new HashMap<>(StatefulClusterWindows.conf(provider, providerConfig));
        conf.put(Config.TOPOLOGY_NAME, name);
        Await.until(LONG, ClusterSteps.atMostEvery(() -> acked(records).size() == readings
                        && committed.apply(conf).keySet().containsAll(expected.keySet())),
                () -> name + ": every reading acked and every window committed after the kill; "
                        + acked(records).size() + " of " + readings + " acked; " + cluster.workerLogs());
        double doneAt = ClusterSteps.secondsSince(start);
        Set<Long> replacements = new HashSet<>(cluster.workerPids(name));
        replacements.removeAll(before);
        Map<Long, Object> state = new TreeMap<>(committed.apply(conf));

        // Every evaluation of a window showed the same tuples: one before the kill and one after it at most.
        Map<Long, Fired> windows = new TreeMap<>();
        int again = 0;
        List<Fired> all = fired(records, null);
        for (Fired f : all) {
            Fired first = windows.putIfAbsent(f.end(), f);
            if (first != null) {
                again++;
                assertEquals(first, f, name + ": window " + f.end() + " evaluated twice with other tuples");
            }
        }
        Map<Long, List<Integer>> shown = new TreeMap<>();
        windows.forEach((end, f) -> {
            if (end <= lastEnd) {
                shown.put(end, f.ids());
            }
        });
        assertEquals(expected, shown, name + ": each window with exactly its readings");

        // getNew(): the readings a window shows that the window before it did not, so each reading once.
        List<Integer> previous = List.of();
        Map<Integer, Long> newIn = new TreeMap<>();
        for (Fired f : windows.values()) {
            List<Integer> prev = previous;
            assertEquals(f.ids().stream().filter(id -> !prev.contains(id)).toList(), f.newIds(),
                    name + ": getNew() of window " + f.end());
            for (int id : f.newIds()) {
                Long other = newIn.put(id, f.end());
                assertEquals(null, other, name + ": reading " + id + " new in windows " + other + " and " + f.end());
            }
            previous = f.ids();
        }

        // The windows came back with what they held: one evaluated after the kill shows readings acked before it.
        List<Fired> afterKill = fired(records, replacements);
        assertTrue(afterKill.stream().anyMatch(f -> f.ids().stream().anyMatch(ackedAtKill::contains)
                        && f.ids().stream().anyMatch(id -> !ackedAtKill.contains(id))),
                name + ": a window evaluated after the kill with readings acked before it and after it");

        Object total = state.remove(StatefulClusterWindows.TOTAL_KEY);
        long sumOfWindows = state.values().stream().flatMap(v -> ((List<?>) v).stream())
                .mapToLong(v -> ((Number) v).longValue()).sum();
        assertEquals(sumOfWindows, total, name + ": each window's update applied once");
        state.keySet().removeIf(end -> end > lastEnd);
        assertEquals(new TreeMap<Long, Object>(expected), state, name + ": the committed windows");

        ClusterSteps.killTopology(cluster, name);
        summary = String.format("%s: %d readings; the window's worker killed at %.1f s with %d acked, every "
                + "reading acked and window committed at %.1f s; %d windows, %d evaluated again after the kill",
                name, readings, killedAt, ackedAtKill.size(), doneAt, windows.size(), again);
    }

    /** Each window ending at or before {@code upTo} (a multiple of the slide): its end and the readings it holds. */
    private Map<Long, List<Integer>> expectedWindows(long upTo) {
        Map<Long, List<Integer>> w = new TreeMap<>();
        // Event-time windows end at multiples of the slide, the first at the first reading's time, 0.
        for (long end = 0; end <= upTo; end += StatefulClusterWindows.SLIDE_MS) {
            List<Integer> ids = new ArrayList<>();
            for (int id = 0; id < readings; id++) {
                long ts = id * StatefulClusterWindows.STEP_MS;
                if (ts > end - StatefulClusterWindows.LENGTH_MS && ts <= end) { // Windows hold (end - length, end].
                    ids.add(id);
                }
            }
            w.put(end, ids);
        }
        return w;
    }

    /** The live worker that runs the window (it opened {@code fired-TASK-PID.txt}), or 0. */
    private static long holder(ClusterLauncher cluster, Path records) {
        Set<Long> live = cluster.workerPids();
        return pids(records).stream().filter(live::contains).findFirst().orElse(0L);
    }

    private static Set<Long> pids(Path records) {
        try (var files = Files.list(records)) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.startsWith("fired-"))
                    .map(f -> Long.parseLong(f.substring(0, f.length() - ".txt".length()).split("-")[2]))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The windows recorded, in the order each worker evaluated them: by the workers in {@code of}, or by all. */
    private static List<Fired> fired(Path records, Set<Long> of) {
        List<Fired> out = new ArrayList<>();
        try (var files = Files.list(records)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("fired-")).sorted().toList()) {
                String file = f.getFileName().toString();
                long pid = Long.parseLong(file.substring(0, file.length() - ".txt".length()).split("-")[2]);
                if (of != null && !of.contains(pid)) {
                    continue;
                }
                String text = Files.readString(f);
                for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
                    if (!line.isBlank()) {
                        out.add(Fired.parse(line));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Set<Integer> acked(Path records) {
        return StatefulClusterWordCount.records(records, "acked-").stream().map(s -> Integer.parseInt(s.trim()))
                .collect(Collectors.toSet());
    }
}
