package io.squall.flux.clustertest;

import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichBolt;
import io.squall.tuple.Tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts words and writes each word's count to a file named after it in a directory, replacing it atomically, so
 * that a test outside the worker's JVM can read what the topology counted. Fed by a fields grouping, a word's file
 * has one writer.
 */
public class FileCountBolt extends BaseRichBolt {
    private static final long serialVersionUID = 1L;

    private final String dir;
    private transient OutputCollector collector;
    private transient Map<String, Long> counts;

    public FileCountBolt(String dir) {
        this.dir = dir;
    }

    @Override
    public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
        this.counts = new HashMap<>();
    }

    @Override
    public void execute(Tuple input) {
        String word = input.getString(0);
        long n = counts.merge(word, 1L, Long::sum);
        try {
            Path tmp = Path.of(dir, word + ".tmp");
            Files.writeString(tmp, Long.toString(n), StandardCharsets.UTF_8);
            Files.move(tmp, Path.of(dir, word), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        collector.ack(input);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
    }
}
