package io.squall.daemon.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.Await;
import io.squall.clustertest.RecordingWordCount;
import io.squall.testsupport.ClusterLauncher;
import io.squall.testsupport.Daemon;
import io.squall.testsupport.NetworkLab;
import io.squall.testsupport.TopologyJar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cluster on several hosts made of network namespaces: a three-node ZooKeeper ensemble, two Nimbus daemons and
 * three supervisors, each on its own host, and a probe on a ninth. A reliable topology over three workers runs
 * while a seeded, reproducible schedule of faults hits the cluster one after the other: kill -9 of a worker, a
 * supervisor, the leader Nimbus and a ZooKeeper node, SIGSTOP of a worker, a supervisor host cut off from the
 * network, and the leader Nimbus cut off from ZooKeeper. After each fault heals, the cluster must be back to
 * its full assignment (three workers on live slots, all heartbeating) with acks flowing within 60 s; at the end
 * every message id the spout emitted is acked. The report lists each fault with its recovery time.
 *
 * <p>By default one fault of each kind, in an order drawn from the seed (about two minutes). The five-minute
 * version is {@code perf/run-faults}: {@code -Dsquall.faults.secs=300} draws faults until that time has passed;
 * {@code -Dsquall.faults.seed=N} picks another schedule. Skipped without root or {@code ip netns}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(1200)
class MultiHostFaultIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RECOVERY = Duration.ofSeconds(60);
    private static final String TOPOLOGY = "faults";
    private static final int WORKERS = 3;
    private static final List<String> ZOOKEEPERS = List.of("zk1", "zk2", "zk3");
    private static final List<String> NIMBUSES = List.of("nimbus1", "nimbus2");
    private static final List<String> SUPERVISORS = List.of("sup1", "sup2", "sup3");

    /** The kinds of fault. */
    enum Fault {
        KILL_WORKER, SIGSTOP_WORKER, KILL_SUPERVISOR, KILL_NIMBUS_LEADER, KILL_ZOOKEEPER_NODE, ISOLATE_SUPERVISOR_HOST,
        CUT_LEADER_FROM_ZOOKEEPER
    }

    /** One fault as it happened: what, on which host or process, and how long until the cluster was whole. */
    record Outcome(int n, Fault fault, String target, long heldMs, long recoveryMs) { }

    private NetworkLab lab;
    private ClusterLauncher cluster;
    private Path base;
    private Path probeFile;
    private Path records;
    private final Map<String, Daemon> daemons = new LinkedHashMap<>();
    private final Set<Long> frozen = new HashSet<>();

    @BeforeAll
    void startCluster() throws Exception {
        String why = NetworkLab.unavailableReason();
        Assumptions.assumeTrue(why == null, () -> "Skipping the multi-host fault test: " + why);
        List<String> hosts = new ArrayList<>(ZOOKEEPERS);
        hosts.addAll(NIMBUSES);
        hosts.addAll(SUPERVISORS);
        hosts.add("ctl");
        lab = NetworkLab.create(hosts);
        cluster = ClusterLauncher.create("multi-host-it");
        base = cluster.base();
        List<String> zkAddresses = ZOOKEEPERS.stream().map(h -> "\"" + lab.address(h) + "\"").toList();
        List<String> seeds = NIMBUSES.stream().map(h -> "\"" + lab.address(h) + ":6627\"").toList();
        cluster.conf("storm.zookeeper.servers=" + zkAddresses)
                .conf("storm.zookeeper.port=2181")
                .conf("nimbus.seeds=" + seeds)
                .conf("nimbus.supervisor.timeout.secs=5")
                .conf("supervisor.worker.timeout.secs=6")
                // The lab's hosts are namespaces of this machine: its daemons serve their addresses unprotected.
                .conf("squall.insecure=true");
        for (int i = 0; i < ZOOKEEPERS.size(); i++) {
            String h = ZOOKEEPERS.get(i);
            Path cfg = zookeeperConfig(h, i + 1);
            daemons.put(h, cluster.startJava(h, lab.on(h), "org.apache.zookeeper.server.quorum.QuorumPeerMain",
                    cfg.toString()));
        }
        Path nimbusDir = base.resolve("shared-nimbus");
        for (String h : NIMBUSES) {
            // The Nimbus daemons share their code store, as on a shared volume, so a new leader serves the code.
            daemons.put(h, cluster.startDaemon(h, lab.on(h), List.of("nimbus.host=" + lab.address(h),
                    "nimbus.port=6627", "storm.local.dir=" + nimbusDir), "nimbus"));
        }
        for (String h : SUPERVISORS) {
            Path home = base.resolve("hosts").resolve(h);
            daemons.put(h, cluster.startDaemon(h, lab.on(h), List.of("supervisor.host=" + lab.address(h),
                    "supervisor.slots.ports=[6700, 6701]", "storm.local.dir=" + home.resolve("local"),
                    "squall.logs.dir=" + home.resolve("logs")), "supervisor"));
        }
        probeFile = base.resolve("probe.json");
        List<String> probeArgs = new ArrayList<>(List.of(probeFile.toString()));
        probeArgs.addAll(cluster.conf());
        cluster.startJava("probe", lab.on("ctl"), ClusterProbe.class.getName(), probeArgs.toArray(new String[0]));
        Await.until(Duration.ofSeconds(180), () -> probe().path("supervisors").size() == SUPERVISORS.size()
                && !probe().path("leader").isNull(), () -> "three supervisors and a leader: " + probe());
    }

    @AfterAll
    void stopCluster() {
        for (long pid : frozen) {
            ProcessHandle.of(pid).ifPresent(p -> ClusterLauncher.signal("CONT", pid));
        }
        if (cluster != null) {
            cluster.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void everyMessageIsAckedAndTheClusterHealsThroughASeededFaultSchedule() throws Exception {
        long seed = Long.getLong("squall.faults.seed", 18);
        int secs = Integer.getInteger("squall.faults.secs", 0);
        Random random = new Random(seed);
        records = Files.createDirectories(base.resolve("records"));
        Path jar = TopologyJar.ofPackage(Path.of("target", "test-classes"),
                RecordingWordCount.class.getPackageName(), base.resolve("topology.jar"));
        Process submit = cluster.cliIn(lab.on("ctl"), "submit", "jar", jar.toString(),
                RecordingWordCount.class.getName(), TOPOLOGY, records.toString(), "100000000", String.valueOf(WORKERS),
                "5000", "10");
        assertEquals(0, submit.waitFor(), () -> "submit failed: " + cluster.log("submit"));
        Await.until(Duration.ofSeconds(180), () -> isWhole() && acked().size() >= 200,
                () -> "the topology whole and acking: " + probe() + ", " + acked().size() + " acked");

        List<Fault> schedule = new ArrayList<>(List.of(Fault.values()));
        Collections.shuffle(schedule, random);
        List<Outcome> outcomes = new ArrayList<>();
        long start = System.nanoTime();
        for (int n = 1; secs == 0 ? n <= schedule.size() : (System.nanoTime() - start) / 1_000_000_000L < secs; n++) {
            Fault f = secs == 0 ? schedule.get(n - 1) : Fault.values()[random.nextInt(Fault.values().length)];
            outcomes.add(inflict(n, f, random));
        }

        int ackedAtEnd = acked().size();
        int limit = acked().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        Files.writeString(records.resolve("stop"), String.valueOf(limit));
        long lastFaultHealed = System.nanoTime();
        Await.until(RECOVERY, () -> isWhole() && acked().containsAll(emitted()) && emitted().size() >= limit,
                () -> "every emitted id acked: " + missing() + " missing of " + emitted().size() + "; " + probe());
        long settleMs = (System.nanoTime() - lastFaultHealed) / 1_000_000;
        String report = report(seed, outcomes, emitted().size(), settleMs);
        System.out.println(report);
        Files.writeString(Path.of("target", "multi-host-faults-report.txt"), report);
        assertTrue(ackedAtEnd > 0);
        // The spout reads the stop file every half second, so a few new ids may still be emitted (and acked) after
        // the wait above. Acked is read before emitted: an id is recorded as emitted before it is sent, so once the
        // spout has stopped, the two sets are equal exactly when every emitted id was acked and no other was.
        Await.until(RECOVERY, () -> {
            Set<Integer> acked = new TreeSet<>(acked());
            return acked.equals(new TreeSet<>(emitted()));
        }, () -> "every emitted message id acked, none other: missing " + missing() + ", acked but never emitted "
                + ackedNotEmitted());
        for (Outcome o : outcomes) {
            assertTrue(o.recoveryMs() <= RECOVERY.toMillis(), () -> "recovered within 60 s: " + o);
        }
    }

    /** Inflicts one fault, holds it, heals it, and waits for the cluster to be whole and acking again. */
    private Outcome inflict(int n, Fault fault, Random random) throws Exception {
        String target;
        long holdMs;
        Runnable heal;
        switch (fault) {
            case KILL_WORKER -> {
                long pid = pick(random, cluster.workerPids());
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                target = "worker pid " + pid;
                holdMs = 0;
                heal = () -> { };
            }
            case SIGSTOP_WORKER -> {
                long pid = pick(random, cluster.workerPids());
                ClusterLauncher.signal("STOP", pid);
                frozen.add(pid);
                target = "worker pid " + pid;
                holdMs = 0; // The supervisor finds it silent and replaces it; it is never resumed.
                heal = () -> { };
            }
            case KILL_SUPERVISOR -> {
                String h = SUPERVISORS.get(random.nextInt(SUPERVISORS.size()));
                daemons.get(h).kill9();
                target = h;
                holdMs = 3000;
                heal = () -> daemons.get(h).restart();
            }
            case KILL_NIMBUS_LEADER -> {
                String h = leaderHost();
                daemons.get(h).kill9();
                target = h;
                holdMs = 3000;
                heal = () -> daemons.get(h).restart();
            }
            case KILL_ZOOKEEPER_NODE -> {
                String h = ZOOKEEPERS.get(random.nextInt(ZOOKEEPERS.size()));
                daemons.get(h).kill9();
                target = h;
                holdMs = 5000;
                heal = () -> daemons.get(h).restart();
            }
            case ISOLATE_SUPERVISOR_HOST -> {
                String h = SUPERVISORS.get(random.nextInt(SUPERVISORS.size()));
                lab.isolate(h);
                target = h;
                holdMs = 10_000; // longer than the session and supervisor timeouts: its workers move
                heal = () -> lab.reconnect(h);
            }
            case CUT_LEADER_FROM_ZOOKEEPER -> {
                String h = leaderHost();
                lab.block(h, ZOOKEEPERS);
                target = h;
                holdMs = 8000; // longer than the session timeout: the leadership moves to the other Nimbus
                heal = () -> lab.unblock(h);
            }
            default -> throw new IllegalStateException("Unknown fault " + fault);
        }
        // The fault lasts a set time on purpose: this is the outage, not a wait for a condition.
        Thread.sleep(holdMs);
        heal.run();
        long healed = System.nanoTime();
        long healedMs = System.currentTimeMillis();
        int ackedAtHeal = acked().size();
        Set<Long> gone = new HashSet<>(frozen);
        Await.until(RECOVERY, () -> {
            JsonNode p = probe();
            return p.path("timeMs").asLong() >= healedMs + ClusterProbe.FRESH_MS && isWhole(p)
                    && cluster.workerPids().stream().noneMatch(gone::contains) && acked().size() > ackedAtHeal;
        }, () -> "recovery from " + fault + " of " + target + ": " + probe() + ", " + acked().size() + " acked, "
                + ackedAtHeal + " when healed");
        Outcome o = new Outcome(n, fault, target, holdMs, (System.nanoTime() - healed) / 1_000_000);
        System.out.println("Fault " + o);
        return o;
    }

    private static long pick(Random random, Set<Long> pids) {
        List<Long> sorted = new ArrayList<>(new TreeSet<>(pids));
        assertTrue(!sorted.isEmpty(), "a worker to hit");
        return sorted.get(random.nextInt(sorted.size()));
    }

    private String leaderHost() {
        Await.until(RECOVERY, () -> !probe().path("leader").isNull(), () -> "a leader Nimbus: " + probe());
        String leader = probe().path("leader").asText();
        for (String h : NIMBUSES) {
            if (leader.startsWith(lab.address(h) + ":")) {
                return h;
            }
        }
        throw new AssertionError("The leader " + leader + " is no Nimbus host of " + NIMBUSES);
    }

    private boolean isWhole() {
        return isWhole(probe());
    }

    private static boolean isWhole(JsonNode p) {
        for (JsonNode t : p.path("topologies")) {
            if (TOPOLOGY.equals(t.path("name").asText())) {
                return t.path("full").asBoolean() && t.path("workers").size() == WORKERS;
            }
        }
        return false;
    }

    private JsonNode probe() {
        try {
            return Files.exists(probeFile) ? JSON.readTree(probeFile.toFile()) : JSON.createObjectNode();
        } catch (IOException e) {
            return JSON.createObjectNode(); // Read while replaced: read it again next time.
        }
    }

    private Path zookeeperConfig(String host, int id) throws IOException {
        Path dir = Files.createDirectories(base.resolve("hosts").resolve(host).resolve("zookeeper"));
        Files.writeString(dir.resolve("myid"), id + "\n");
        StringBuilder cfg = new StringBuilder();
        cfg.append("tickTime=500\ninitLimit=20\nsyncLimit=4\n");
        cfg.append("dataDir=").append(dir).append('\n');
        cfg.append("clientPort=2181\nclientPortAddress=").append(lab.address(host)).append('\n');
        cfg.append("admin.enableServer=false\n");
        for (int i = 0; i < ZOOKEEPERS.size(); i++) {
            cfg.append("server.").append(i + 1).append('=').append(lab.address(ZOOKEEPERS.get(i)))
                    .append(":2888:3888\n");
        }
        Path file = dir.resolve("zoo.cfg");
        Files.writeString(file, cfg.toString());
        return file;
    }

    private Set<Integer> acked() {
        return records("acked-");
    }

    private Set<Integer> emitted() {
        return records("emitted-");
    }

    private Set<Integer> ackedNotEmitted() {
        Set<Integer> extra = new TreeSet<>(acked());
        extra.removeAll(emitted());
        return extra;
    }

    private Set<Integer> missing() {
        Set<Integer> m = new TreeSet<>(emitted());
        m.removeAll(acked());
        return m.size() > 20 ? Set.copyOf(new ArrayList<>(m).subList(0, 20)) : m;
    }

    private Set<Integer> records(String prefix) {
        Set<Integer> ids = new HashSet<>();
        try (Stream<Path> files = Files.list(records)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        ids.add(Integer.parseInt(line.trim()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NumberFormatException e) {
            return ids; // A line being written: counted next time.
        }
        return ids;
    }

    private static String report(long seed, List<Outcome> outcomes, int ids, long settleMs) {
        StringBuilder r = new StringBuilder();
        r.append("Multi-host fault schedule, seed ").append(seed).append(": ").append(outcomes.size())
                .append(" faults, ").append(ids).append(" message ids, all acked\n");
        r.append(String.format("%3s  %-26s %-16s %8s %12s%n", "#", "fault", "target", "held s", "recovered s"));
        for (Outcome o : outcomes) {
            r.append(String.format("%3d  %-26s %-16s %8.1f %12.1f%n", o.n(), o.fault(), o.target(),
                    o.heldMs() / 1000.0, o.recoveryMs() / 1000.0));
        }
        r.append(String.format("Every emitted id acked %.1f s after the last fault healed%n", settleMs / 1000.0));
        return r.toString();
    }
}
