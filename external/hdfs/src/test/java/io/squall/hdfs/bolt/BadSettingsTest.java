package io.squall.hdfs.bolt;

import io.squall.hdfs.bolt.format.DefaultFileNameFormat;
import io.squall.hdfs.bolt.format.DefaultSequenceFormat;
import io.squall.hdfs.bolt.format.DelimitedRecordFormat;
import io.squall.hdfs.bolt.rotation.NoRotationPolicy;
import io.squall.hdfs.bolt.sync.CountSyncPolicy;
import io.squall.hdfs.spout.HdfsSpout;
import io.squall.hdfs.spout.TextFileReader;
import io.squall.hdfs.trident.HdfsState;
import io.squall.hdfs.trident.HdfsStateFactory;
import io.squall.testing.TestWordSpout;
import io.squall.topology.IRichBolt;
import io.squall.topology.TopologyBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings that cannot work are refused where the topology is built, each with what to call to fix it. */
class BadSettingsTest {
    private static String refusal(IRichBolt bolt) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        b.setBolt("out", bolt).shuffleGrouping("words");
        return assertThrows(IllegalArgumentException.class, b::createTopology).getMessage();
    }

    private static HdfsBolt complete() {
        return new HdfsBolt().withFsUrl("hdfs://namenode:8020").withFileNameFormat(new DefaultFileNameFormat())
                .withRecordFormat(new DelimitedRecordFormat()).withSyncPolicy(new CountSyncPolicy(10))
                .withRotationPolicy(new NoRotationPolicy());
    }

    @Test
    void aBoltWithNothingSetNamesEverySettingItNeeds() {
        String m = refusal(new HdfsBolt());
        for (String needed : new String[] {"withFsUrl", "withFileNameFormat", "withSyncPolicy", "withRotationPolicy",
            "withRecordFormat"}) {
            assertTrue(m.contains(needed), needed + " in: " + m);
        }
        assertTrue(refusal(new SequenceFileBolt()).contains("withSequenceFormat"));
    }

    @Test
    void aBoltWithAWrongUrlCountOrCodecIsRefused() {
        assertTrue(refusal(complete().withFsUrl("namenode:8020/x y")).contains("fsUrl"));
        assertTrue(refusal(complete().withFsUrl("/just/a/path")).contains("no scheme"));
        assertTrue(refusal(complete().withRetryCount(0)).contains("withRetryCount"));
        assertTrue(refusal(complete().withMaxOpenFiles(0)).contains("withMaxOpenFiles"));
        String codec = refusal(new SequenceFileBolt().withFsUrl("hdfs://nn:8020")
                .withFileNameFormat(new DefaultFileNameFormat()).withSequenceFormat(new DefaultSequenceFormat("k", "v"))
                .withSyncPolicy(new CountSyncPolicy(1)).withRotationPolicy(new NoRotationPolicy())
                .withCompressionCodec("zip-zap"));
        assertTrue(codec.contains("zip-zap"), codec);
        TopologyBuilder ok = new TopologyBuilder();
        ok.setSpout("words", new TestWordSpout());
        ok.setBolt("out", complete()).shuffleGrouping("words");
        assertDoesNotThrow(ok::createTopology);
    }

    @Test
    void aSpoutWithoutOutputFieldsOrWithAnUnknownReaderIsRefused() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("files", new HdfsSpout().setReaderType("text"));
        String m = assertThrows(IllegalArgumentException.class, b::createTopology).getMessage();
        assertTrue(m.contains("withOutputFields"), m);
        TopologyBuilder c = new TopologyBuilder();
        c.setSpout("files", new HdfsSpout().withOutputFields(TextFileReader.defaultFields).setReaderType("csv"));
        m = assertThrows(IllegalArgumentException.class, c::createTopology).getMessage();
        assertTrue(m.contains("csv") && m.contains("\"text\""), m);
        TopologyBuilder d = new TopologyBuilder();
        d.setSpout("files", new HdfsSpout().withOutputFields("line").setReaderType(String.class.getName()));
        m = assertThrows(IllegalArgumentException.class, d::createTopology).getMessage();
        assertTrue(m.contains("not a FileReader"), m);
    }

    @Test
    void tridentOptionsMissingSettingsAreRefusedByTheFactory() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> new HdfsStateFactory().withOptions(new HdfsState.HdfsFileOptions())).getMessage();
        for (String needed : new String[] {"withFsUrl", "withFileNameFormat", "withRotationPolicy",
            "withRecordFormat"}) {
            assertTrue(m.contains(needed), needed + " in: " + m);
        }
        m = assertThrows(IllegalArgumentException.class,
                () -> new HdfsStateFactory().withOptions(new HdfsState.SequenceFileOptions())).getMessage();
        assertTrue(m.contains("withSequenceFormat"), m);
    }
}
