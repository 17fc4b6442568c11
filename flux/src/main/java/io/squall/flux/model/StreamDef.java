package io.squall.flux.model;

/** An edge of the topology: the bolt {@code to} subscribes to {@code from} with {@code grouping}. */
public class StreamDef {
    private String name;
    private String from;
    private String to;
    private GroupingDef grouping;

    /** A label (unused, as in Storm). */
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** The id of the spout or bolt that emits. */
    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    /** The id of the bolt that receives. */
    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    /** The grouping (and stream id). */
    public GroupingDef getGrouping() {
        return grouping;
    }

    public void setGrouping(GroupingDef grouping) {
        this.grouping = grouping;
    }
}
