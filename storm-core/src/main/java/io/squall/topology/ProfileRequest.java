package io.squall.topology;

import java.io.Serializable;
import java.util.Objects;

/**
 * A profiling action asked of one worker (Storm's): the worker ({@link NodeInfo} of its host and port), the action,
 * and a time stamp in epoch milliseconds (for {@link ProfileAction#JPROFILE_STOP}, when the recording ends).
 */
public class ProfileRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    private NodeInfo nodeInfo;
    private ProfileAction action;
    private long timeStamp;
    private boolean timeStampSet;

    public ProfileRequest() {
    }

    /** The action for the worker on {@code nodeInfo}'s host and port. */
    public ProfileRequest(NodeInfo nodeInfo, ProfileAction action) {
        this.nodeInfo = nodeInfo;
        this.action = action;
    }

    /** A copy of {@code other}, as Storm's copy constructor. */
    public ProfileRequest(ProfileRequest other) {
        this.nodeInfo = other.nodeInfo == null ? null : new NodeInfo(other.nodeInfo);
        this.action = other.action;
        this.timeStamp = other.timeStamp;
        this.timeStampSet = other.timeStampSet;
    }

    /** The worker: its host as the node and its port. */
    public NodeInfo get_nodeInfo() {
        return nodeInfo;
    }

    public void set_nodeInfo(NodeInfo nodeInfo) {
        this.nodeInfo = nodeInfo;
    }

    public boolean is_set_nodeInfo() {
        return nodeInfo != null;
    }

    public ProfileAction get_action() {
        return action;
    }

    public void set_action(ProfileAction action) {
        this.action = action;
    }

    public boolean is_set_action() {
        return action != null;
    }

    /** Epoch milliseconds: when it was asked, or for a recording when it ends. */
    public long get_time_stamp() {
        return timeStamp;
    }

    public void set_time_stamp(long timeStamp) {
        this.timeStamp = timeStamp;
        this.timeStampSet = true;
    }

    public boolean is_set_time_stamp() {
        return timeStampSet;
    }

    /** The worker as {@code host:port}, as Squall's API names it. */
    public String worker() {
        if (nodeInfo == null || nodeInfo.get_node() == null || nodeInfo.get_port_size() != 1) {
            throw new IllegalArgumentException("A profile request names one worker: a NodeInfo of its host and its "
                    + "one port, as new NodeInfo(\"host\", Set.of(6700L)); got " + nodeInfo);
        }
        return nodeInfo.get_node() + ":" + nodeInfo.get_port_iterator().next();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProfileRequest r && Objects.equals(nodeInfo, r.nodeInfo) && action == r.action
                && timeStamp == r.timeStamp && timeStampSet == r.timeStampSet;
    }

    @Override
    public int hashCode() {
        return Objects.hash(nodeInfo, action, timeStamp);
    }

    @Override
    public String toString() {
        return "ProfileRequest(nodeInfo:" + nodeInfo + ", action:" + action
                + (timeStampSet ? ", time_stamp:" + timeStamp : "") + ")";
    }
}
