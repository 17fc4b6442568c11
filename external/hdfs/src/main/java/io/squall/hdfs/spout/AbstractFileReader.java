package io.squall.hdfs.spout;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.util.Objects;

/** What readers share: the file they read. Two readers are equal when they read the same file. */
public abstract class AbstractFileReader implements FileReader {
    private final Path file;

    /**
     * @throws IllegalArgumentException when the file system or the file is null
     */
    protected AbstractFileReader(FileSystem fs, Path file) {
        if (fs == null) {
            throw new IllegalArgumentException("a reader needs a file system, not null");
        }
        if (file == null) {
            throw new IllegalArgumentException("a reader needs a file, not null");
        }
        this.file = file;
    }

    /**
     * The numbers of an offset written as {@code {name=N:name=N:...:}} (a reader's {@code Offset.toString()}), in
     * order; null for {@code "0"}, the start of the file.
     *
     * @param kind  what the offset is of, for the error ("a text file")
     * @param form  an example of the form, for the error
     * @throws IllegalArgumentException naming the string and the form expected, when it is null or not that form
     */
    protected static long[] parseOffset(String offset, int fields, String kind, String form) {
        if (offset == null) {
            throw new IllegalArgumentException(kind + "'s offset cannot be null");
        }
        if (offset.equals("0")) {
            return null;
        }
        try {
            String[] parts = offset.replace("{", "").replace("}", "").split(":");
            long[] out = new long[fields];
            for (int i = 0; i < fields; i++) {
                out[i] = Long.parseLong(parts[i].split("=")[1]);
            }
            return out;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + offset + "' is not " + kind + " offset; expected the form "
                    + form, e);
        }
    }

    @Override
    public Path getFilePath() {
        return file;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && getClass() == o.getClass() && file.equals(((AbstractFileReader) o).file);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(file);
    }
}
