package io.squall.daemon.nimbus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A topology cannot be placed because no worker slot is free. Answered as 409 with
 * {@code "reason": "no-free-slot"}, the slots asked for and the slots free, so that clients tell it apart
 * from a standby Nimbus (503) and from a name already in use (409 without a reason).
 */
public final class NoFreeSlotException extends NimbusException {
    private static final long serialVersionUID = 1L;

    /** The {@code reason} field of the answer. */
    public static final String REASON = "no-free-slot";

    private final int slotsAsked;
    private final int slotsFree;

    /** A refusal for {@code topology}, which asked for {@code slotsAsked} slots when {@code slotsFree} were free. */
    public NoFreeSlotException(String topology, int slotsAsked, int slotsFree, int supervisors) {
        super(409, "No free worker slot for topology " + topology + ": it asks for " + slotsAsked + " slots, "
                + slotsFree + " are free on " + supervisors + " supervisors; start a supervisor or kill a topology");
        this.slotsAsked = slotsAsked;
        this.slotsFree = slotsFree;
    }

    /** The slots the topology asked for. */
    public int slotsAsked() {
        return slotsAsked;
    }

    /** The slots free when it asked. */
    public int slotsFree() {
        return slotsFree;
    }

    /** The answer's JSON body. */
    public Map<String, Object> body() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", getMessage());
        m.put("reason", REASON);
        m.put("slotsAsked", slotsAsked);
        m.put("slotsFree", slotsFree);
        return m;
    }
}
