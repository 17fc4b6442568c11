package io.squall.testing;

import java.util.Map;

/** Options of {@code Testing.completeTopology}. */
public class CompleteTopologyParam {
    private MockedSources mockedSources;
    private Map<String, Object> stormConf;
    private Boolean cleanupState;
    private String topologyName;
    private Integer timeoutMs;

    /** The tuples that replace the named spouts; null: no spout is replaced. */
    public MockedSources getMockedSources() {
        return mockedSources;
    }

    public void setMockedSources(MockedSources mockedSources) {
        this.mockedSources = mockedSources;
    }

    /** The topology's configuration. */
    public Map<String, Object> getStormConf() {
        return stormConf;
    }

    public void setStormConf(Map<String, Object> topoConf) {
        this.stormConf = topoConf;
    }

    /** Whether the completable spouts' shared state is cleaned afterwards (default true). */
    public boolean getCleanupState() {
        return cleanupState == null || cleanupState;
    }

    public void setCleanupState(Boolean cleanupState) {
        this.cleanupState = cleanupState;
    }

    /** The name the topology runs under; null: a random one. */
    public String getTopologyName() {
        return topologyName;
    }

    public void setTopologyName(String topologyName) {
        this.topologyName = topologyName;
    }

    /** How long to wait for the topology to complete; null: {@code Testing.TEST_TIMEOUT_MS}. */
    public Integer getTimeoutMs() {
        return timeoutMs;
    }

    public void setTimeoutMs(Integer timeoutMs) {
        this.timeoutMs = timeoutMs;
    }
}
