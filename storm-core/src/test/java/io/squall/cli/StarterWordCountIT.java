package io.squall.cli;

import io.squall.Await;
import io.squall.Config;
import io.squall.SquallSubmitter;
import io.squall.task.ShellBolt;
import io.squall.testing.FixedTupleSpout;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.IRichBolt;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * storm-starter's {@code WordCountTopology} as a user runs it: {@code bin/squall local} with a topology JAR whose
 * {@code resources/} holds only the Python splitter (which imports {@code storm}, shipped by Squall, not by the
 * JAR), a {@code ShellBolt} of {@code python3 SCRIPT} with several tasks, and three workers, as the example sets.
 * Every sentence is split by the script and every word counted exactly once.
 */
@Timeout(150)
class StarterWordCountIT {
    private static final String SCRIPT = "starter_splitsentence.py";
    private static final List<String> SENTENCES = List.of("the cow jumped over the moon",
            "an apple a day keeps the doctor away", "four score and seven years ago",
            "snow white and the seven dwarfs", "i am at two with nature");
    private static final int ROUNDS = 4;
    static final Map<String, Integer> COUNTS = new ConcurrentHashMap<>();

    /** The splitter, as storm-starter declares it: the script's interpreter and name, and its output field. */
    public static class SplitSentence extends ShellBolt implements IRichBolt {
        private static final long serialVersionUID = 1L;

        public SplitSentence() {
            super("python3", SCRIPT);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word"));
        }

        @Override
        public Map<String, Object> getComponentConfiguration() {
            return null;
        }
    }

    /** Counts words into {@link #COUNTS}; workers in local mode share this JVM. */
    public static class WordCount extends BaseBasicBolt {
        private static final long serialVersionUID = 1L;

        @Override
        public void execute(Tuple tuple, BasicOutputCollector collector) {
            String word = tuple.getString(0);
            COUNTS.merge(word, 1, Integer::sum);
            collector.emit(new Values(word, COUNTS.get(word)));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word", "count"));
        }
    }

    /** The topology's main, shaped as storm-starter's: five split tasks, three counters, three workers. */
    public static final class App {
        private App() {
        }

        public static void main(String[] args) {
            List<Values> tuples = new java.util.ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                SENTENCES.forEach(s -> tuples.add(new Values(s)));
            }
            TopologyBuilder builder = new TopologyBuilder();
            builder.setSpout("spout", new FixedTupleSpout(tuples, new Fields("sentence")), 1);
            builder.setBolt("split", new SplitSentence(), 5).shuffleGrouping("spout");
            builder.setBolt("count", new WordCount(), 3).fieldsGrouping("split", new Fields("word"));
            Config conf = new Config();
            conf.setNumWorkers(3);
            // Five interpreters starting at once on a loaded machine may take longer than the default 30 s
            // before they split anything; a replay would count twice.
            conf.setMessageTimeoutSecs(120);
            SquallSubmitter.submitTopology("word-count", conf, builder.createTopology());
        }
    }

    @Test
    void aPythonSplitterFromTheTopologyJarCountsEveryWordOnceAcrossThreeWorkers(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("starter.jar");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar))) {
            j.putNextEntry(new JarEntry("resources/"));
            j.putNextEntry(new JarEntry("resources/" + SCRIPT));
            j.write(String.join("\n", "import storm", "",
                    "class SplitSentenceBolt(storm.BasicBolt):",
                    "    def process(self, tup):",
                    "        for word in tup.values[0].split(\" \"):",
                    "            storm.emit([word])", "",
                    "SplitSentenceBolt().run()", "").getBytes(StandardCharsets.UTF_8));
        }
        Map<String, Integer> expected = new HashMap<>();
        SENTENCES.forEach(s -> {
            for (String w : s.split(" ")) {
                expected.merge(w, ROUNDS, Integer::sum);
            }
        });
        COUNTS.clear();
        Output out = new Output();
        Output err = new Output();
        AtomicInteger code = new AtomicInteger(-1);
        Thread command = new Thread(() -> code.set(Main.run(new String[] {"local", jar.toString(),
            App.class.getName(), "--ui", "0", "--local-ttl", "120"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))), "squall-local");
        command.start();
        try {
            Await.until(Duration.ofSeconds(100), () -> expected.equals(COUNTS),
                    () -> "every word counted: " + COUNTS + "\n" + out + err);
            Matcher m = Pattern.compile("Dashboard: (http://[0-9.]+:[0-9]+/)").matcher(out.toString());
            assertTrue(m.find(), out.toString());
            HttpResponse<String> kill = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(m.group(1) + "api/v1/topologies/word-count/kill")).POST(
                    HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, kill.statusCode(), kill.body());
            command.join(Duration.ofSeconds(30).toMillis());
        } finally {
            command.interrupt();
        }
        assertFalse(command.isAlive(), "squall local still runs after the kill");
        assertEquals(Main.OK, code.get(), err.toString());
        assertEquals(expected, COUNTS, "no word counted twice after the end");
    }

    /** Collects what the command prints, readable from another thread. */
    private static final class Output extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        @Override
        public synchronized String toString() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
