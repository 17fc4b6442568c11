package io.squall.daemon.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A worker process as its command line shows it: a supervisor starts {@link #WORKER_MAIN} with its own id, the
 * port and the topology id ({@code WorkerMain SUPERVISOR_ID PORT TOPOLOGY_ID ...}). The supervisor reads it to adopt
 * the workers of its previous run, {@code squall kill_workers} to find this machine's workers, the logviewer to
 * keep the logs of the workers that still run.
 */
public final class WorkerCommandLine {
    /** The worker's main class. */
    public static final String WORKER_MAIN = "io.squall.daemon.worker.WorkerMain";

    private WorkerCommandLine() {
    }

    /**
     * A process's arguments, the program first; empty when it ended or is not ours to read.
     * {@code ProcessHandle.Info} may cut long command lines (a worker's class path), so on Linux they are read from
     * {@code /proc}.
     */
    public static List<String> of(ProcessHandle p) {
        Path proc = Path.of("/proc", String.valueOf(p.pid()), "cmdline");
        try {
            if (Files.isReadable(proc)) {
                return List.of(new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).split("\0"));
            }
        } catch (IOException e) {
            return List.of(); // It ended meanwhile, or is not ours to read.
        }
        List<String> all = new ArrayList<>();
        p.info().command().ifPresent(all::add);
        p.info().arguments().ifPresent(a -> all.addAll(List.of(a)));
        return all;
    }

    /** Whether the process runs a worker. */
    public static boolean isWorker(ProcessHandle p) {
        return of(p).contains(WORKER_MAIN);
    }

    /** The slot a worker runs in: its topology and port. */
    public record Slot(String topologyId, int port) {
    }

    /** The slot of the worker whose arguments these are, or null when they are not a worker's. */
    public static Slot slot(List<String> args) {
        int main = args.indexOf(WORKER_MAIN);
        if (main < 0 || args.size() < main + 4) {
            return null;
        }
        try {
            return new Slot(args.get(main + 3), Integer.parseInt(args.get(main + 2)));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
