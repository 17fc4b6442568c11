package io.squall.blobstore;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.InvalidTopologyException;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.SettableBlobMeta;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import io.squall.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The blob store in local mode: Storm's client calls, and topology.blobstore.map in the JVM's working directory. */
@Timeout(60)
class LocalModeBlobsIT {
    private static final String LOCAL_NAME = ".squall-local-blob-test.txt";
    private static final List<String> SEEN = new CopyOnWriteArrayList<>();

    /** Records each new content of the blob's local file. */
    public static class ReadingSpout extends BaseRichSpout {
        private transient String last;

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
        }

        @Override
        public void nextTuple() {
            String content;
            try {
                content = Files.readString(Path.of(LOCAL_NAME));
            } catch (NoSuchFileException e) {
                content = "(missing)";
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (!content.equals(last)) {
                last = content;
                SEEN.add(content);
            }
            Utils.sleep(20);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("content"));
        }
    }

    private static void write(AtomicOutputStream out, String content) throws IOException {
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.close();
    }

    @Test
    void aLocalTopologyReadsItsBlobUnderItsLocalNameAndSeesItsUpdates() throws Exception {
        SEEN.clear();
        try (LocalCluster cluster = new LocalCluster.Builder()
                .withDaemonConf("supervisor.localizer.update.blob.interval.secs", 1).build()) {
            ClientBlobStore store = Utils.getClientBlobStore(Utils.readStormConfig());
            assertTrue(store instanceof LocalModeClientBlobStore, "local mode's store while a LocalCluster runs");
            write(store.createBlob("greeting", new SettableBlobMeta(BlobStoreAclHandler.WORLD_EVERYTHING)), "hello");
            assertThrows(io.squall.topology.KeyAlreadyExistsException.class,
                    () -> store.createBlob("greeting", new SettableBlobMeta()));
            try (InputStream in = store.getBlob("greeting")) {
                assertEquals("hello", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            assertEquals(List.of("greeting"), List.of(store.listKeys().next()));

            TopologyBuilder builder = new TopologyBuilder();
            builder.setSpout("reader", new ReadingSpout());
            Config conf = new Config();
            conf.put(Config.TOPOLOGY_BLOBSTORE_MAP, Map.of("greeting", Map.of("localname", LOCAL_NAME)));
            cluster.submitTopology("blobs", conf, builder.createTopology());
            Await.until(Duration.ofSeconds(30), () -> SEEN.contains("hello"), () -> "seen " + SEEN);
            write(store.updateBlob("greeting"), "bye");
            assertEquals(2, store.getBlobMeta("greeting").get_version());
            Await.until(Duration.ofSeconds(30), () -> SEEN.contains("bye"), () -> "seen " + SEEN);
            assertEquals(List.of("hello", "bye"), SEEN, "the blob was there from the start, then the new version");

            Config unknown = new Config();
            unknown.put(Config.TOPOLOGY_BLOBSTORE_MAP, Map.of("nope", Map.of()));
            InvalidTopologyException e = assertThrows(InvalidTopologyException.class,
                    () -> cluster.submitTopology("unknown", unknown, builder.createTopology()));
            assertTrue(e.getMessage().contains("names the blob 'nope', which is not in the blob store"),
                    e.getMessage());
            cluster.killTopology("blobs");
            assertFalse(Files.exists(Path.of(LOCAL_NAME), LinkOption.NOFOLLOW_LINKS), "the link goes with the topology");
        } finally {
            Files.deleteIfExists(Path.of(LOCAL_NAME));
        }
        assertTrue(LocalModeClientBlobStore.installed() == null, "a closed cluster's store is no longer offered");
    }
}
