package io.squall.topology;

/** Returned by {@link TopologyBuilder#setSpout}: configure the spout. */
public interface SpoutDeclarer extends ComponentConfigurationDeclarer<SpoutDeclarer> {
}
