package io.squall.trident.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.cluster.Assignment;
import io.squall.cluster.ClusterState;
import io.squall.cluster.SupervisorInfo;
import io.squall.cluster.TopologyInfo;
import io.squall.cluster.WorkerBeat;
import io.squall.cluster.WorkerSlot;
import io.squall.config.DaemonConfig;
import io.squall.utils.NimbusClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches a cluster from a host of its network and writes what it sees to a file every 200 ms, for a test
 * that runs outside that network: the live supervisors, the leader Nimbus, and per topology whether it has its
 * full assignment (as many workers as it asked for, each on a live supervisor's slot, each with a heartbeat
 * younger than {@code FRESH_MS}).
 *
 * <p>Usage: {@code ClusterProbe OUT_FILE [key=value...]}; runs until killed.
 */
public final class ClusterProbe {
    /** A heartbeat older than this does not count as a live worker. */
    static final long FRESH_MS = 3000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        DaemonConfig conf = DaemonConfig.load(null, Arrays.asList(args).subList(1, args.length));
        NimbusClient nimbus = NimbusClient.of(conf);
        ClusterState state = null;
        while (true) {
            Map<String, Object> seen = new LinkedHashMap<>();
            long now = System.currentTimeMillis();
            seen.put("timeMs", now);
            try {
                if (state == null) {
                    state = ClusterState.connect(conf);
                }
                look(state, now, seen);
            } catch (RuntimeException e) {
                seen.put("error", String.valueOf(e.getMessage()));
            }
            try {
                seen.put("leader", nimbus.getClusterInfo().get("leader"));
            } catch (Exception e) {
                seen.put("leader", null);
            }
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            Files.write(tmp, JSON.writeValueAsBytes(seen));
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            LockSupport.parkNanos(200_000_000L);
        }
    }

    private static void look(ClusterState state, long now, Map<String, Object> seen) {
        List<SupervisorInfo> sups = state.supervisors();
        seen.put("supervisors", sups.stream().map(SupervisorInfo::host).sorted().toList());
        List<Map<String, Object>> topologies = new ArrayList<>();
        for (TopologyInfo t : state.topologies()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            Assignment a = state.assignment(t.id());
            List<String> workers = new ArrayList<>();
            boolean full = a != null && a.workers().size() == t.workers();
            if (a != null) {
                for (WorkerSlot w : a.workers()) {
                    workers.add(w.name());
                    boolean slotLive = sups.stream().anyMatch(s -> s.id().equals(w.supervisorId())
                            && s.ports().contains(w.port()));
                    WorkerBeat beat = state.workerBeat(t.id(), w.supervisorId(), w.port());
                    full &= slotLive && beat != null && now - beat.timeMs() < FRESH_MS;
                }
            }
            m.put("workers", workers);
            m.put("full", full);
            topologies.add(m);
        }
        seen.put("topologies", topologies);
    }
}
