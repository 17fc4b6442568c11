package io.squall.hdfs.trident.format;

import io.squall.hdfs.common.FileNames;

import java.util.Map;

/**
 * Names files from a pattern, {@code $TIME.$NUM.txt} by default, in {@code /storm} unless {@link #withPath} says
 * otherwise. The pattern may use {@code $TIME} (formatted by {@link #withTimeFormat}, default
 * {@code yyyyMMddHHmmss}), {@code $NUM} (the rotation number), {@code $HOST} (this host's name) and
 * {@code $PARTITION} (the state's partition). Without {@code $PARTITION} the partitions write to the same names.
 */
public class SimpleFileNameFormat implements FileNameFormat {
    private static final long serialVersionUID = 1L;
    private int partitionIndex;
    private String host;
    private String path = "/storm";
    private String name = "$TIME.$NUM.txt";
    private String timeFormat = "yyyyMMddHHmmss";

    @Override
    public String getName(long rotation, long timeStamp) {
        return name.replace("$TIME", FileNames.formatTime(timeFormat, timeStamp))
                .replace("$NUM", String.valueOf(rotation))
                .replace("$HOST", host)
                .replace("$PARTITION", String.valueOf(partitionIndex));
    }

    @Override
    public String getPath() {
        return path;
    }

    @Override
    public void prepare(Map<String, Object> conf, int partitionIndex, int numPartitions) {
        this.partitionIndex = partitionIndex;
        this.host = FileNames.localHostname();
    }

    /** The directory of the files. */
    public SimpleFileNameFormat withPath(String path) {
        this.path = path;
        return this;
    }

    /** The pattern of the names, with the parameters the class describes. */
    public SimpleFileNameFormat withName(String name) {
        this.name = name;
        return this;
    }

    /**
     * The format of {@code $TIME}, a {@link java.text.SimpleDateFormat} pattern.
     *
     * @throws IllegalArgumentException when it is not a valid pattern, naming it
     */
    public SimpleFileNameFormat withTimeFormat(String timeFormat) {
        FileNames.checkTimeFormat(timeFormat);
        this.timeFormat = timeFormat;
        return this;
    }
}
