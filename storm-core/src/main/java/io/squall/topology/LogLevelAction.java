package io.squall.topology;

/** What {@code setLogConfig} does with a logger (Storm's). */
public enum LogLevelAction {
    /** Nothing. */
    UNCHANGED(1),
    /** Sets it to the target level, for the timeout if one is given. */
    UPDATE(2),
    /** Puts it back as it was. */
    REMOVE(3);

    private final int value;

    LogLevelAction(int value) {
        this.value = value;
    }

    /** Storm's number for the action. */
    public int getValue() {
        return value;
    }

    /** The action of Storm's number {@code value}, or null. */
    public static LogLevelAction findByValue(int value) {
        for (LogLevelAction a : values()) {
            if (a.value == value) {
                return a;
            }
        }
        return null;
    }
}
