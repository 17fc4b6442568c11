package io.squall.hdfs.spout;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;

/**
 * Reads a text file line by line; each line (without its {@code \n} or {@code \r\n}) is a tuple of one field,
 * {@link #defaultFields}. The charset is UTF-8 unless the topology's {@link #CHARSET} says otherwise. The offset
 * counts characters and lines, {@code {char=120:line=5:}}: where the next line starts.
 */
public class TextFileReader extends AbstractFileReader {
    /** The output field of a text spout: {@code line}. */
    public static final String[] defaultFields = {"line"};
    /** The topology configuration key of the files' charset (default UTF-8). */
    public static final String CHARSET = "hdfsspout.reader.charset";
    /** The topology configuration key of the read buffer's size, in bytes (default 4,096). */
    public static final String BUFFER_SIZE = "hdfsspout.reader.buffer.bytes";
    private static final int DEFAULT_BUFF_SIZE = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(TextFileReader.class);
    private final BufferedReader reader;
    private final Offset offset;

    /** Reads {@code file} from its start. */
    public TextFileReader(FileSystem fs, Path file, Map<String, Object> conf) throws IOException {
        this(fs, file, conf, new Offset(0, 0));
    }

    /** Reads {@code file} from {@code startOffset}, an {@link Offset#toString()}. */
    public TextFileReader(FileSystem fs, Path file, Map<String, Object> conf, String startOffset) throws IOException {
        this(fs, file, conf, new Offset(startOffset));
    }

    private TextFileReader(FileSystem fs, Path file, Map<String, Object> conf, Offset start) throws IOException {
        super(fs, file);
        this.offset = start;
        Object charset = conf == null ? null : conf.get(CHARSET);
        Object buffer = conf == null ? null : conf.get(BUFFER_SIZE);
        int bufferSize = buffer == null ? DEFAULT_BUFF_SIZE : Integer.parseInt(buffer.toString());
        InputStream in = fs.open(file);
        this.reader = new BufferedReader(new InputStreamReader(in,
                charset == null ? Charset.forName("UTF-8") : Charset.forName(charset.toString())), bufferSize);
        long toSkip = start.charOffset;
        while (toSkip > 0) {
            long skipped = reader.skip(toSkip);
            if (skipped <= 0) {
                reader.close();
                throw new IOException(file + " is shorter than the offset to resume from, " + start);
            }
            toSkip -= skipped;
        }
    }

    @Override
    public Offset getFileOffset() {
        return offset.clone();
    }

    @Override
    public List<Object> next() throws IOException, ParseException {
        StringBuilder line = new StringBuilder(128);
        boolean any = false;
        for (int ch = reader.read(); ch != -1; ch = reader.read()) {
            any = true;
            offset.charOffset++;
            if (ch == '\n') {
                offset.lineNumber++;
                return List.of(line.toString());
            }
            if (ch != '\r') {
                line.append((char) ch);
            }
        }
        if (!any) {
            return null;
        }
        offset.lineNumber++; // A last line without its newline.
        return List.of(line.toString());
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            LOG.warn("Ignoring an error closing {}: {}", getFilePath(), e.toString());
        }
    }

    /** Characters and lines read before the next line. */
    public static class Offset implements FileOffset {
        long charOffset;
        long lineNumber;

        /** The offset of line {@code lineNumber} (from 0), which starts at character {@code byteOffset}. */
        public Offset(long byteOffset, long lineNumber) {
            this.charOffset = byteOffset;
            this.lineNumber = lineNumber;
        }

        /**
         * Parses {@link #toString()}'s form, or {@code "0"} for the start of the file.
         *
         * @throws IllegalArgumentException naming the string and the form expected
         */
        public Offset(String offset) {
            long[] v = parseOffset(offset, 2, "a text file", "{char=123:line=5:}");
            if (v != null) {
                this.charOffset = v[0];
                this.lineNumber = v[1];
            }
        }

        @Override
        public String toString() {
            return "{char=" + charOffset + ":line=" + lineNumber + ":}";
        }

        @Override
        public boolean isNextOffset(FileOffset rhs) {
            return rhs instanceof Offset other && other.charOffset > charOffset && other.lineNumber == lineNumber + 1;
        }

        @Override
        public int compareTo(FileOffset o) {
            return Long.compare(lineNumber, ((Offset) o).lineNumber);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Offset other && charOffset == other.charOffset && lineNumber == other.lineNumber;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(charOffset) * 31 + Long.hashCode(lineNumber);
        }

        @Override
        public Offset clone() {
            return new Offset(charOffset, lineNumber);
        }
    }
}
