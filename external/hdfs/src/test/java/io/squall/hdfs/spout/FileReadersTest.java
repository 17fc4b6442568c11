package io.squall.hdfs.spout;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.DefaultCodec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The text and sequence file readers on the local file system: every record once, and a reader opened at any offset
 * one of them reported goes on with the record after it, across the sequence files' sync marks and blocks.
 */
class FileReadersTest {
    private static FileSystem fs;
    private static Path dir;

    @BeforeAll
    static void localFileSystem() throws IOException {
        fs = FileSystem.getLocal(new Configuration());
        dir = new Path(new File("target/readers").getAbsolutePath());
        fs.delete(dir, true);
        fs.mkdirs(dir);
    }

    /** Reads the whole file, and checks that resuming at each offset gives the same records from there. */
    private static List<List<Object>> readAndResumeEverywhere(Path file, ReaderMaker make) throws Exception {
        List<List<Object>> records = new ArrayList<>();
        List<String> offsets = new ArrayList<>();
        FileReader r = make.open(file, null);
        for (String o = r.getFileOffset().toString(); ; o = r.getFileOffset().toString()) {
            List<Object> next = r.next();
            if (next == null) {
                break;
            }
            offsets.add(o);
            records.add(next);
        }
        r.close();
        for (int i = 0; i < offsets.size(); i += 7) {
            FileReader resumed = make.open(file, offsets.get(i));
            for (int j = i; j < Math.min(records.size(), i + 3); j++) {
                assertEquals(records.get(j), resumed.next(), "record " + j + " after resuming at " + offsets.get(i));
            }
            resumed.close();
        }
        return records;
    }

    interface ReaderMaker {
        FileReader open(Path file, String offset) throws Exception;
    }

    @Test
    void textLinesResumeAtAnyCommittedOffset() throws Exception {
        Path file = new Path(dir, "lines.txt");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            text.append("línea ").append(i).append(i % 3 == 0 ? "\r\n" : "\n");
        }
        text.append("last without newline");
        try (var out = fs.create(file, true)) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        List<List<Object>> lines = readAndResumeEverywhere(file, (f, o) -> o == null
                ? new TextFileReader(fs, f, Map.of()) : new TextFileReader(fs, f, Map.of(), o));
        assertEquals(101, lines.size());
        assertEquals(List.of("línea 3"), lines.get(3));
        assertEquals(List.of("last without newline"), lines.get(100));
        assertEquals(new TextFileReader.Offset(0, 0), new TextFileReader.Offset("0"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new TextFileReader.Offset("line five"));
        assertTrue(bad.getMessage().contains("{char=123:line=5:}"), bad.getMessage());
    }

    @Test
    void sequenceRecordsResumeAcrossSyncMarksAndBlocks() throws Exception {
        for (SequenceFile.CompressionType type : SequenceFile.CompressionType.values()) {
            Path file = new Path(dir, "records-" + type + ".seq");
            try (SequenceFile.Writer w = SequenceFile.createWriter(fs.getConf(), SequenceFile.Writer.file(file),
                    SequenceFile.Writer.keyClass(IntWritable.class), SequenceFile.Writer.valueClass(Text.class),
                    SequenceFile.Writer.compression(type, new DefaultCodec()),
                    SequenceFile.Writer.blockSize(1 << 20))) {
                for (int i = 0; i < 3000; i++) {
                    w.append(new IntWritable(i), new Text("value number " + i + " of a sequence file"));
                    if (i % 500 == 499) {
                        w.sync(); // Several blocks when compressed by block.
                    }
                }
            }
            List<List<Object>> records = readAndResumeEverywhere(file, (f, o) -> o == null
                    ? new SequenceFileReader<IntWritable, Text>(fs, f, Map.of())
                    : new SequenceFileReader<IntWritable, Text>(fs, f, Map.of(), o));
            assertEquals(3000, records.size(), type.toString());
            for (int i = 0; i < records.size(); i++) {
                assertEquals(new IntWritable(i), records.get(i).get(0), type + " record " + i);
            }
        }
    }

    @Test
    void aTextFileIsNotASequenceFile() throws Exception {
        Path file = new Path(dir, "not-a-sequence.txt");
        try (var out = fs.create(file, true)) {
            out.write("just text\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThrows(IOException.class, () -> new SequenceFileReader<>(fs, file, Map.of()));
        fs.create(new Path(dir, "empty.txt"), true).close();
        FileReader empty = new TextFileReader(fs, new Path(dir, "empty.txt"), Map.of());
        assertNull(empty.next());
        empty.close();
    }
}
