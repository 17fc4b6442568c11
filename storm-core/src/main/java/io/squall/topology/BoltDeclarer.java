package io.squall.topology;

/** Returned by {@link TopologyBuilder#setBolt}: subscribe the bolt and configure it. */
public interface BoltDeclarer extends InputDeclarer<BoltDeclarer>, ComponentConfigurationDeclarer<BoltDeclarer> {
}
