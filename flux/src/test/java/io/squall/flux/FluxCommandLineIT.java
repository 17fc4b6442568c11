package io.squall.flux;

import io.squall.flux.test.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flux's command line as {@code bin/squall jar ... io.squall.flux.Flux} runs it: exit status and output. */
@Timeout(120)
class FluxCommandLineIT {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int flux(String... args) {
        out.reset();
        err.reset();
        return Flux.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runsAYamlFileLocallyForSleepMsThenKillsIt() {
        Recorder.clear("wordcount");
        int code = flux("--local", "--sleep", "3000", "--no-splash", "--resource", "/configs/wordcount_recorded.yaml");
        assertEquals(0, code, err());
        assertTrue(out().contains("Running topology 'wordcount-recorded' in local mode for 3000 ms"), out());
        assertTrue(out().contains("Killed topology 'wordcount-recorded'"), out());
        assertFalse(Recorder.get("wordcount").isEmpty(), "the topology ran and counted words");
    }

    @Test
    void dryRunPrintsTheTopologyAndRunsNothing() {
        int code = flux("--dry-run", "-R", "/configs/word_count.yaml");
        assertEquals(0, code, err());
        assertTrue(out().contains("Squall Flux"), out());
        assertTrue(out().contains("Topology Name: flux-word-count"), out());
        assertTrue(out().contains("words [1] (io.squall.testing.TestWordSpout)"), out());
        assertTrue(out().contains("counter [2] (io.squall.testing.TestWordCounter)"), out());
        assertTrue(out().contains("words --FIELDS[word]--> counter"), out());
        assertTrue(out().contains("counter --SHUFFLE--> logger"), out());
        assertTrue(out().contains("(--dry-run)"), out());
        assertEquals(0, flux("-d", "-q", "-n", "-R", "/configs/shell_components.yaml"), err());
        assertFalse(out().contains("TOPOLOGY DETAILS"), out());
    }

    @Test
    void filtersAFileWithPropertiesAndEnvironment() throws Exception {
        Path props = dir.resolve("dev.properties");
        Files.writeString(props, "topology.name: from-properties\ncounter.parallelism: 2\n");
        Path yaml = dir.resolve("t.yaml");
        Files.writeString(yaml, Files.readString(Path.of(getClass().getResource("/configs/substitution.yaml")
                .toURI())));
        assertEquals(0, flux("-d", "-n", "--filter", props.toString(), "--env-filter", yaml.toString()), err());
        assertTrue(out().contains("Topology Name: from-properties"), out());
        assertTrue(out().contains("counter [2] (io.squall.testing.TestWordCounter)"), out());
    }

    @Test
    void errorsExitNonZeroWithOneMessageAndNoStackTrace() throws Exception {
        assertEquals(1, flux("-d", dir.resolve("missing.yaml").toString()));
        assertTrue(err().startsWith("flux: Flux file '") && err().contains("does not exist"), err());

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: x\nspouts:\n  - id: s\n    className: org.apache.storm.testing.NoSuchSpout\n");
        assertEquals(1, flux("-d", bad.toString()));
        assertTrue(err().contains("spouts 's': class 'org.apache.storm.testing.NoSuchSpout' not found"), err());
        assertFalse(err().contains("\tat "), err());

        Files.writeString(bad, "name: x\nspouts: [unclosed\n");
        assertEquals(1, flux("-d", bad.toString()));
        assertTrue(err().contains("invalid YAML at line"), err());

        assertEquals(1, flux("-d", "-R", "/configs/source_with_spouts.yaml"));
        assertTrue(err().contains("both a topologySource and spouts"), err());

        assertEquals(2, flux("-d"));
        assertTrue(err().contains("no topology YAML file given") && err().contains("usage:"), err());
        assertEquals(2, flux("--bogus", "x.yaml"));
        assertTrue(err().contains("Unrecognized option: --bogus"), err());
        assertEquals(2, flux("-l", "-r", "x.yaml"));
    }

    @Test
    void helpPrintsStormsOptions() {
        assertEquals(0, flux("--help"));
        for (String option : new String[] {"--local", "--remote", "--dry-run", "--no-splash", "--no-detail",
                "--inactive", "--sleep", "--resource", "--filter", "--env-filter"}) {
            assertTrue(out().contains(option), option + " in " + out());
        }
    }
}
