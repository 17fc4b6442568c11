package io.squall.daemon.supervisor;

import io.squall.config.DaemonConfig;
import io.squall.config.InvalidConfigException;
import io.squall.daemon.logviewer.LogFiles;
import io.squall.daemon.worker.StdStreamsToLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A worker's log rolls by size: a JVM started with the logging options a supervisor gives a worker, and the worker's
 * redirection of {@code System.out}, logs five times the limit of one file.
 */
class WorkerLogRotationIT {
    private static final String TOPOLOGY = "chatty-1700000000";
    private static final int PORT = 6700;
    private static final int LINES = 25_000;
    private static final Pattern LINE_NUMBER = Pattern.compile("line (\\d+) ");

    @TempDir
    Path logs;

    /** The child JVM: logs LINES lines of about 200 bytes, with a println before and after. */
    public static final class Chatty {
        public static void main(String[] args) {
            StdStreamsToLog.install();
            Logger log = LoggerFactory.getLogger(Chatty.class);
            System.out.println("println at the start");
            String padding = "x".repeat(140);
            for (int i = 0; i < LINES; i++) {
                log.info("line {} {}", i, padding);
            }
            System.out.println("println at the end");
        }
    }

    @Test
    @Timeout(60)
    void aWorkerKeepsAtMostMaxFilesEachUnderTheSizeWithTheNewestLinesAndItsPrintlnInTheCurrentOne() throws Exception {
        WorkerLogOptions options = WorkerLogOptions.of(DaemonConfig.load(null, List.of("squall.logs.dir=" + logs,
                "worker.log.max.file.size.mb=1", "worker.log.max.files=3")));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx64m");
        cmd.addAll(options.jvmOptions(TOPOLOGY, PORT));
        cmd.add("-cp");
        cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        cmd.add(Chatty.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(options.outFile(TOPOLOGY, PORT).toFile())).start();
        assertTrue(p.waitFor(50, TimeUnit.SECONDS), "the child JVM did not finish");
        String out = Files.readString(options.outFile(TOPOLOGY, PORT));
        assertEquals(0, p.exitValue(), out);

        Path current = options.logFile(TOPOLOGY, PORT);
        assertEquals(List.of(name(current), name(current) + ".1", name(current) + ".2", name(current) + ".out")
                        .stream().map(n -> n.replace(".log.out", ".out")).toList(),
                new LogFiles(logs).workerLogs(TOPOLOGY, PORT), "the files kept, as the logviewer lists them");
        assertFalse(Files.exists(Path.of(current + ".3")));
        long limit = 1 << 20;
        int previousFirst = Integer.MAX_VALUE;
        for (String suffix : new String[] {"", ".1", ".2"}) {
            Path f = Path.of(current + suffix);
            assertTrue(Files.size(f) <= limit + 300, f + " has " + Files.size(f) + " bytes, over 1 MB and a line");
            List<Integer> numbers = numbers(Files.readString(f));
            assertFalse(numbers.isEmpty(), f + " has no lines");
            assertTrue(numbers.get(numbers.size() - 1) < previousFirst, f + " is not older than the file before it");
            previousFirst = numbers.get(0);
        }
        String newest = Files.readString(current);
        assertEquals(LINES - 1, numbers(newest).get(numbers(newest).size() - 1), "the last line is in the current file");
        assertTrue(newest.contains("STDOUT - println at the end"), "System.out did not reach the log");
        assertEquals("", out, "only the JVM's own output belongs in the .out file");
    }

    @Test
    void moreFilesThanLogbackRollsAreRefusedNamingTheKey() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> WorkerLogOptions.of(DaemonConfig.load(null, List.of("worker.log.max.files=22"))));
        assertTrue(e.getMessage().contains("worker.log.max.files"), e.getMessage());
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }

    private static List<Integer> numbers(String text) {
        List<Integer> out = new ArrayList<>();
        Matcher m = LINE_NUMBER.matcher(text);
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }
}
