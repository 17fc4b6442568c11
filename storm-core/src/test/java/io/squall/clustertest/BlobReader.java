package io.squall.clustertest;

import io.squall.Config;
import io.squall.SquallSubmitter;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import io.squall.utils.Utils;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A cluster test topology that reads a blob from its worker's working directory: its spout reads the file
 * {@code LOCALNAME} there every 100 ms and records each new content it sees (a line per change) in a file of
 * {@code DIR}. Arguments: {@code NAME DIR KEY LOCALNAME}; the topology maps blob {@code KEY} as {@code LOCALNAME}.
 */
public final class BlobReader {
    private BlobReader() {
    }

    /** Records each new content of a file of the working directory. */
    public static class ReadingSpout extends BaseRichSpout {
        private final String dir;
        private final String localName;
        private transient BufferedWriter seen;
        private transient String last;

        ReadingSpout(String dir, String localName) {
            this.dir = dir;
            this.localName = localName;
        }

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            seen = RecordingWordCount.openRecord(dir, "seen", context.getThisTaskId());
        }

        @Override
        public void nextTuple() {
            Utils.sleep(100);
            String content;
            try {
                content = Files.readString(Path.of(localName)).strip();
            } catch (NoSuchFileException e) {
                content = "(missing)";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!content.equals(last)) {
                last = content;
                RecordingWordCount.writeLine(seen, content);
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("content"));
        }
    }

    /** The topology: a spout recording in {@code dir} what it reads from {@code localName}. */
    public static StormTopology topology(String dir, String localName) {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("reader", new ReadingSpout(dir, localName), 1);
        return builder.createTopology();
    }

    /** A configuration mapping blob {@code key} as {@code localName}. */
    public static Config conf(String key, String localName) {
        Config conf = new Config();
        conf.put(Config.TOPOLOGY_BLOBSTORE_MAP, Map.of(key, Map.of("localname", localName, "uncompress", false)));
        return conf;
    }

    /** Submits the topology: {@code NAME DIR KEY LOCALNAME}. */
    public static void main(String[] args) {
        SquallSubmitter.submitTopology(args[0], conf(args[2], args[3]), topology(args[1], args[3]));
    }
}
