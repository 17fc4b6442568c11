package io.squall.hdfs.common;

import org.apache.hadoop.conf.Configuration;

import java.util.Map;

/** Builds the Hadoop client configuration of a bolt, spout or state from the topology's configuration. */
public final class HdfsConfigs {
    private HdfsConfigs() {
    }

    /**
     * Hadoop's defaults (and the {@code core-site.xml} and {@code hdfs-site.xml} on the classpath), overridden by the
     * entries of the map under {@code configKey} in the topology's configuration, as Storm's storm-hdfs does.
     *
     * @throws IllegalArgumentException when the value under {@code configKey} is not a map, naming the key
     */
    public static Configuration fromTopologyConf(Map<String, Object> conf, String configKey) {
        Configuration hadoop = new Configuration();
        if (configKey == null) {
            return hadoop;
        }
        Object entries = conf.get(configKey);
        if (entries == null) {
            return hadoop;
        }
        if (!(entries instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("The topology's configuration key '" + configKey + "' must hold a map of"
                    + " Hadoop settings (for example {dfs.replication: 2}), not a " + entries.getClass().getName());
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            hadoop.set(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
        }
        return hadoop;
    }
}
