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
