package io.squall.daemon.supervisor;

import io.squall.config.ConfigKeys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a topology's own configuration adds to the launch of each of its workers, as Storm's supervisor does:
 * {@code topology.worker.childopts} and then {@code topology.worker.gc.childopts} after the supervisor's
 * {@code worker.childopts} (so that an {@code -Xmx} there wins, the JVM taking the last), the variables of
 * {@code topology.environment}, and the entries of {@code topology.classpath} after the worker's class path. In the
 * options, Storm's {@code %ID%} and {@code %WORKER-PORT%} become the worker's port, {@code %TOPOLOGY-ID%} the
 * topology's id, {@code %WORKER-ID%} the worker's name ({@code TOPOLOGY-ID-PORT}) and {@code %HEAP-MEM%} the
 * supervisor's {@code worker.heap.memory.mb}. An option given as a string is split at spaces; in a list, each element
 * is one option.
 *
 * @param jvmOptions  the topology's JVM options, substituted
 * @param environment the variables to set in the worker's environment
 * @param classpath   entries to add at the end of the worker's class path
 */
record TopologyWorkerLaunch(List<String> jvmOptions, Map<String, String> environment, List<String> classpath) {
    /** The launch additions of {@code topoConf} for the worker of {@code topologyId} on {@code port}. */
    static TopologyWorkerLaunch of(Map<String, Object> topoConf, String topologyId, int port, int heapMb) {
        List<String> opts = new ArrayList<>();
        for (String key : List.of(ConfigKeys.TOPOLOGY_WORKER_CHILDOPTS.name(),
                ConfigKeys.TOPOLOGY_WORKER_GC_CHILDOPTS.name())) {
            for (String opt : options(topoConf.get(key))) {
                opts.add(opt.replace("%ID%", String.valueOf(port)).replace("%WORKER-PORT%", String.valueOf(port))
                        .replace("%TOPOLOGY-ID%", topologyId).replace("%WORKER-ID%", topologyId + "-" + port)
                        .replace("%HEAP-MEM%", String.valueOf(heapMb)));
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        if (topoConf.get(ConfigKeys.TOPOLOGY_ENVIRONMENT.name()) instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        }
        return new TopologyWorkerLaunch(List.copyOf(opts), env,
                options(topoConf.get(ConfigKeys.TOPOLOGY_CLASSPATH.name())));
    }

    /** A string split at spaces, each element of a list, or nothing. */
    private static List<String> options(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.stream().filter(o -> o != null && !String.valueOf(o).isBlank()).forEach(o -> out.add(String.valueOf(o)));
        } else if (value != null) {
            for (String s : String.valueOf(value).trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
