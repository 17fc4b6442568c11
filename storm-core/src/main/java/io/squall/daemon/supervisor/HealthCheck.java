package io.squall.daemon.supervisor;

import io.squall.config.ConfigKeys;
import io.squall.config.DaemonConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Storm's node health check: the executable files of {@code storm.health.check.dir} are run one by one, each for at
 * most {@code storm.health.check.timeout.ms}. A script that exits 0 passes whatever it prints; one that exits
 * otherwise fails the node ("failed" when its output starts with {@code ERROR}, "failed_with_exit_code" if not); one
 * that runs too long is killed and fails the node unless {@code storm.health.check.fail.on.timeouts} is false. No
 * directory, or no executable file in it, is a healthy node. A relative directory is under {@code squall.home}.
 * Run by {@code squall node-health-check} and, every {@code supervisor.health.check.interval.secs}, by the
 * supervisor, which stops its workers and exits when the node is unhealthy.
 */
public final class HealthCheck {
    /** What one script did, as Storm names it. */
    public enum Result {
        SUCCESS("success"), FAILED("failed"), FAILED_WITH_EXIT_CODE("failed_with_exit_code"), TIMEOUT("timeout");

        private final String label;

        Result(String label) {
            this.label = label;
        }

        /** Storm's name of the result. */
        public String label() {
            return label;
        }
    }

    /** A script's result and what it printed. */
    public record ScriptRun(Path script, Result result, String detail) {
        /** {@code SCRIPT: RESULT (DETAIL)}. */
        public String describe() {
            return script.toAbsolutePath() + ": " + result.label() + (detail.isEmpty() ? "" : " (" + detail + ")");
        }
    }

    /**
     * A check of the node: its directory, each script's run, and whether the node is healthy.
     *
     * @param found whether the directory holds an executable file
     */
    public record Report(Path dir, boolean found, List<ScriptRun> runs, boolean healthy) {
        /** The runs that made the node unhealthy. */
        public List<ScriptRun> failures() {
            return runs.stream().filter(r -> r.result() != Result.SUCCESS).toList();
        }
    }

    private HealthCheck() {
    }

    /** Runs the node's health check scripts as {@code conf} says. */
    public static Report run(DaemonConfig conf) throws IOException {
        Path dir = Path.of(conf.getString(ConfigKeys.STORM_HEALTH_CHECK_DIR));
        if (!dir.isAbsolute() && System.getProperty("squall.home") != null) {
            dir = Path.of(System.getProperty("squall.home")).resolve(dir);
        }
        List<Path> scripts = scripts(dir);
        long timeoutMs = conf.getInt(ConfigKeys.STORM_HEALTH_CHECK_TIMEOUT_MS);
        List<ScriptRun> runs = new ArrayList<>();
        for (Path s : scripts) {
            runs.add(runScript(s, timeoutMs));
        }
        boolean failOnTimeouts = !"false".equals(conf.getString(ConfigKeys.STORM_HEALTH_CHECK_FAIL_ON_TIMEOUTS));
        return new Report(dir, !scripts.isEmpty(), List.copyOf(runs), healthy(runs, failOnTimeouts));
    }

    /** The executable files of {@code dir}, sorted; none if it does not exist. */
    static List<Path> scripts(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> Files.isRegularFile(f) && Files.isExecutable(f)).sorted().toList();
        }
    }

    /** Runs one script for at most {@code timeoutMs}, killing it (and its children) past that. */
    static ScriptRun runScript(Path script, long timeoutMs) {
        Process p;
        try {
            p = new ProcessBuilder(script.toAbsolutePath().toString()).redirectErrorStream(true)
                    .directory(script.toAbsolutePath().getParent().toFile()).start();
        } catch (IOException e) {
            return new ScriptRun(script, Result.FAILED, "cannot run it: " + e.getMessage());
        }
        try {
            p.getOutputStream().close(); // A script that reads standard input gets its end at once.
        } catch (IOException e) {
            // It exited already.
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = p.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                return "";
            }
        });
        try {
            if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                // The script first, then the children it had: killed first, a child's death would let the script
                // go on to its next command (a "sleep 30; touch f" would touch f after the kill).
                List<ProcessHandle> children = p.descendants().toList();
                p.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
                return new ScriptRun(script, Result.TIMEOUT, "still running after " + timeoutMs + " ms "
                        + "(storm.health.check.timeout.ms); killed");
            }
            String text = output.get(timeoutMs, TimeUnit.MILLISECONDS);
            if (p.exitValue() == 0) {
                return new ScriptRun(script, Result.SUCCESS, "");
            }
            String detail = "exit code " + p.exitValue() + (text.isEmpty() ? "" : ": " + firstLine(text));
            return new ScriptRun(script, text.startsWith("ERROR") ? Result.FAILED : Result.FAILED_WITH_EXIT_CODE,
                    detail);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return new ScriptRun(script, Result.TIMEOUT, "interrupted");
        } catch (Exception e) {
            // The output did not end with the process: a child of the script holds it open.
            return new ScriptRun(script, p.exitValue() == 0 ? Result.SUCCESS : Result.FAILED_WITH_EXIT_CODE,
                    "exit code " + p.exitValue());
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl) + " ...";
    }

    /** Whether the node is healthy after these runs: no failure, and no timeout unless timeouts are forgiven. */
    static boolean healthy(List<ScriptRun> runs, boolean failOnTimeouts) {
        return runs.stream().noneMatch(r -> r.result() == Result.FAILED || r.result() == Result.FAILED_WITH_EXIT_CODE
                || failOnTimeouts && r.result() == Result.TIMEOUT);
    }
}
