package io.squall.hdfs.spout;

import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.List;

/**
 * Reads the records of one file for {@link HdfsSpout}, on the spout's executor thread. A reader of one's own is
 * given to the spout by class name ({@code setReaderType("com.example.MyReader")}) and needs two public
 * constructors: {@code (FileSystem, Path, Map<String, Object> conf)}, which reads from the start, and
 * {@code (FileSystem, Path, Map<String, Object> conf, String offset)}, which resumes at an offset its
 * {@link FileOffset#toString()} wrote.
 */
public interface FileReader {
    /** The file read. */
    Path getFilePath();

    /** The position of the next record {@link #next()} returns: where a reader resumes to read it again. */
    FileOffset getFileOffset();

    /**
     * The values of the next record (one per output field), or null at the end of the file.
     *
     * @throws IOException    when the file cannot be read now (the spout tries again later)
     * @throws ParseException when the file is not of the reader's format (the spout moves it to the bad files)
     */
    List<Object> next() throws IOException, ParseException;

    /** Closes the file. Throws nothing. */
    void close();
}
