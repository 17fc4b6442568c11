package io.squall.topology;

/** How many of each component's errors {@code getTopologyInfoWithOpts} returns (Storm's). */
public enum NumErrorsChoice {
    /** Every error kept. */
    ALL(0),
    /** None. */
    NONE(1),
    /** The latest only. */
    ONE(2);

    private final int value;

    NumErrorsChoice(int value) {
        this.value = value;
    }

    /** Storm's number for the choice. */
    public int getValue() {
        return value;
    }

    /** The choice of Storm's number {@code value}, or null. */
    public static NumErrorsChoice findByValue(int value) {
        for (NumErrorsChoice c : values()) {
            if (c.value == value) {
                return c;
            }
        }
        return null;
    }
}
