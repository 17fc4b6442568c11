package io.squall.hdfs.trident.format;

import java.util.Map;

/**
 * Names files {@code {prefix}-{partition}-{rotation}-{timestamp}{extension}}, for example
 * {@code trident-0-3-1390579837830.txt}, in {@code /storm} unless {@link #withPath} says otherwise. The partition
 * keeps the files of the state's partitions apart.
 */
public class DefaultFileNameFormat implements FileNameFormat {
    private static final long serialVersionUID = 1L;
    private int partitionIndex;
    private String path = "/storm";
    private String prefix = "";
    private String extension = ".txt";

    /** Puts {@code prefix} before every name. */
    public DefaultFileNameFormat withPrefix(String prefix) {
        this.prefix = prefix;
        return this;
    }

    /** Ends every name with {@code extension} (give its dot). */
    public DefaultFileNameFormat withExtension(String extension) {
        this.extension = extension;
        return this;
    }

    /** The directory of the files. */
    public DefaultFileNameFormat withPath(String path) {
        this.path = path;
        return this;
    }

    @Override
    public void prepare(Map<String, Object> conf, int partitionIndex, int numPartitions) {
        this.partitionIndex = partitionIndex;
    }

    @Override
    public String getName(long rotation, long timeStamp) {
        return prefix + "-" + partitionIndex + "-" + rotation + "-" + timeStamp + extension;
    }

    @Override
    public String getPath() {
        return path;
    }
}
