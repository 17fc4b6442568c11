package io.squall.hdfs.bolt.format;

import io.squall.hdfs.common.FileNames;
import io.squall.task.TopologyContext;

import java.util.Map;

/**
 * Names files from a pattern, {@code $TIME.$NUM.txt} by default, in {@code /storm} unless {@link #withPath} says
 * otherwise. The pattern may use {@code $TIME} (the time the file is opened, formatted by {@link #withTimeFormat},
 * default {@code yyyyMMddHHmmss}), {@code $NUM} (the rotation number), {@code $HOST} (this host's name),
 * {@code $COMPONENT} (the bolt's id) and {@code $TASK} (its task id). A pattern without {@code $TASK} and
 * {@code $HOST} makes the tasks of a bolt with parallelism above 1 write to the same names.
 */
public class SimpleFileNameFormat implements FileNameFormat {
    private static final long serialVersionUID = 1L;
    private String componentId;
    private int taskId;
    private String host;
    private String path = "/storm";
    private String name = "$TIME.$NUM.txt";
    private String timeFormat = "yyyyMMddHHmmss";

    @Override
    public String getName(long rotation, long timeStamp) {
        return name.replace("$TIME", FileNames.formatTime(timeFormat, timeStamp))
                .replace("$NUM", String.valueOf(rotation))
                .replace("$HOST", host)
                .replace("$COMPONENT", componentId)
                .replace("$TASK", String.valueOf(taskId));
    }

    @Override
    public String getPath() {
        return path;
    }

    @Override
    public void prepare(Map<String, Object> conf, TopologyContext topologyContext) {
        componentId = topologyContext.getThisComponentId();
        taskId = topologyContext.getThisTaskId();
        host = FileNames.localHostname();
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
