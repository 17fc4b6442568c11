package io.squall.flux.model;

/**
 * A {@code topologySource}: an object whose method (default {@code getTopology}) takes the topology's config (a
 * {@code Map<String, Object>} or a {@code Config}) and returns the {@code StormTopology}, for topologies written
 * in Java, Trident ones included.
 */
public class TopologySourceDef extends ObjectDef {
    /** The method Flux calls unless {@code methodName} names another. */
    public static final String DEFAULT_METHOD_NAME = "getTopology";

    private String methodName = DEFAULT_METHOD_NAME;

    /** The method that returns the topology. */
    public String getMethodName() {
        return methodName;
    }

    public void setMethodName(String methodName) {
        this.methodName = methodName == null ? DEFAULT_METHOD_NAME : methodName;
    }
}
