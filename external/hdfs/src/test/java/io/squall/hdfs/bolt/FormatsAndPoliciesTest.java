package io.squall.hdfs.bolt;

import io.squall.hdfs.bolt.format.DefaultFileNameFormat;
import io.squall.hdfs.bolt.format.DefaultSequenceFormat;
import io.squall.hdfs.bolt.format.DelimitedRecordFormat;
import io.squall.hdfs.bolt.format.SimpleFileNameFormat;
import io.squall.hdfs.bolt.rotation.FileRotationPolicy;
import io.squall.hdfs.bolt.rotation.FileSizeRotationPolicy;
import io.squall.hdfs.bolt.rotation.NoRotationPolicy;
import io.squall.hdfs.bolt.rotation.TimedRotationPolicy;
import io.squall.hdfs.bolt.sync.CountSyncPolicy;
import io.squall.task.TopologyContext;
import io.squall.task.WorkerTopologyContext;
import io.squall.testing.TestWordSpout;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import io.squall.tuple.MessageId;
import io.squall.tuple.Tuple;
import io.squall.tuple.TupleImpl;
import io.squall.utils.Utils;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bolts' file name and record formats, and their rotation and sync policies, without HDFS. */
class FormatsAndPoliciesTest {
    private static final Fields FIELDS = new Fields("id", "sentence", "n");

    private static Tuple tuple(Object... values) {
        return new TupleImpl("spout", "default", FIELDS, 1, Arrays.asList(values), MessageId.unanchored());
    }

    static TopologyContext context(String component, int taskId) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout(component, new TestWordSpout());
        WorkerTopologyContext worker = new WorkerTopologyContext(b.createTopology(), Map.of(),
                Map.of(taskId, component), "t", 0, List.of(taskId));
        return new TopologyContext(worker, taskId);
    }

    @Test
    void defaultFileNamesCarryComponentTaskRotationAndTime() {
        DefaultFileNameFormat f = new DefaultFileNameFormat().withPrefix("p-").withExtension(".csv").withPath("/out/");
        f.prepare(Map.of(), context("writer", 7));
        assertEquals("p-writer-7-3-1390579837830.csv", f.getName(3, 1390579837830L));
        assertEquals("/out/", f.getPath());
        assertEquals("/storm", new DefaultFileNameFormat().getPath());
    }

    @Test
    void simpleFileNamesReplaceEveryParameter() {
        SimpleFileNameFormat f = new SimpleFileNameFormat().withName("$COMPONENT.$TASK.$NUM.$TIME.log")
                .withTimeFormat("yyyy").withPath("/logs");
        f.prepare(Map.of(), context("w", 4));
        assertTrue(f.getName(2, System.currentTimeMillis()).matches("w\\.4\\.2\\.20\\d\\d\\.log"),
                f.getName(2, System.currentTimeMillis()));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new SimpleFileNameFormat().withTimeFormat("yyyy-qq"));
        assertTrue(bad.getMessage().contains("yyyy-qq"), bad.getMessage());
    }

    @Test
    void delimitedRecordsWriteTheChosenFieldsInOrder() {
        Tuple t = tuple(7L, "héllo", null);
        assertEquals("7,héllo,null\n", new String(new DelimitedRecordFormat().format(t), StandardCharsets.UTF_8));
        assertEquals("héllo|7\r\n", new String(new DelimitedRecordFormat().withFields(new Fields("sentence", "id"))
                .withFieldDelimiter("|").withRecordDelimiter("\r\n").format(t), StandardCharsets.UTF_8));
    }

    @Test
    void defaultSequenceFormatTakesTheKeyAndValueFields() {
        DefaultSequenceFormat f = Utils.copy(new DefaultSequenceFormat("id", "sentence"));
        assertEquals(LongWritable.class, f.keyClass());
        assertEquals(Text.class, f.valueClass());
        assertEquals(new LongWritable(9), f.key(tuple(9L, "nine", 0)));
        assertEquals(new Text("nine"), f.value(tuple(9L, "nine", 0)));
    }

    @Test
    void fileSizeRotationCountsBytesSinceTheLastReset() {
        FileRotationPolicy p = new FileSizeRotationPolicy(1.0f, FileSizeRotationPolicy.Units.KB);
        assertFalse(p.mark(tuple(1L, "a", 0), 1000));
        assertTrue(p.mark(tuple(1L, "a", 0), 1024));
        p.reset();
        assertFalse(p.mark(tuple(1L, "a", 0), 1023));
        FileRotationPolicy copy = p.copy();
        assertNotSame(p, copy);
        assertFalse(copy.mark(tuple(1L, "a", 0), 1023), "a copy starts afresh");
        assertEquals(5L << 20, new FileSizeRotationPolicy(5.0f, FileSizeRotationPolicy.Units.MB).getMaxBytes());
        assertThrows(IllegalArgumentException.class,
                () -> new FileSizeRotationPolicy(0, FileSizeRotationPolicy.Units.KB));
    }

    @Test
    void timedAndNoRotationNeverRotateOnATuple() {
        TimedRotationPolicy timed = new TimedRotationPolicy(1.5f, TimedRotationPolicy.TimeUnit.MINUTES);
        assertEquals(90_000, timed.getInterval());
        assertEquals(90_000, ((TimedRotationPolicy) timed.copy()).getInterval());
        assertFalse(timed.mark(tuple(1L, "a", 0), Long.MAX_VALUE));
        NoRotationPolicy none = new NoRotationPolicy();
        assertFalse(none.mark(tuple(1L, "a", 0), Long.MAX_VALUE));
        assertSame(none, none.copy());
        assertThrows(IllegalArgumentException.class,
                () -> new TimedRotationPolicy(0, TimedRotationPolicy.TimeUnit.DAYS));
    }

    @Test
    void countSyncAsksEveryNTuples() {
        CountSyncPolicy p = new CountSyncPolicy(3);
        assertFalse(p.mark(tuple(1L, "a", 0), 0));
        assertFalse(p.mark(tuple(1L, "a", 0), 0));
        assertTrue(p.mark(tuple(1L, "a", 0), 0));
        p.reset();
        assertFalse(p.mark(tuple(1L, "a", 0), 0));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> new CountSyncPolicy(0));
        assertTrue(bad.getMessage().contains("at least 1"), bad.getMessage());
    }
}
