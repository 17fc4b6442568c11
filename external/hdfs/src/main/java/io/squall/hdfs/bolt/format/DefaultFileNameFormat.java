package io.squall.hdfs.bolt.format;

import io.squall.task.TopologyContext;

import java.util.Map;

/**
 * Names files {@code {prefix}{componentId}-{taskId}-{rotation}-{timestamp}{extension}}, for example
 * {@code MyBolt-5-7-1390579837830.txt}, in {@code /storm} unless {@link #withPath} says otherwise. The prefix is
 * empty and the extension {@code .txt} by default. The task id keeps the files of a bolt's tasks apart.
 */
public class DefaultFileNameFormat implements FileNameFormat {
    private static final long serialVersionUID = 1L;
    private String componentId;
    private int taskId;
    private String path = "/storm";
    private String prefix = "";
    private String extension = ".txt";

    /** Puts {@code prefix} before every name. */
    public DefaultFileNameFormat withPrefix(String prefix) {
        this.prefix = prefix;
        return this;
    }

    /** Ends every name with {@code extension} (give its dot: {@code ".csv"}). */
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
    public void prepare(Map<String, Object> conf, TopologyContext topologyContext) {
        componentId = topologyContext.getThisComponentId();
        taskId = topologyContext.getThisTaskId();
    }

    @Override
    public String getName(long rotation, long timeStamp) {
        return prefix + componentId + "-" + taskId + "-" + rotation + "-" + timeStamp + extension;
    }

    @Override
    public String getPath() {
        return path;
    }
}
