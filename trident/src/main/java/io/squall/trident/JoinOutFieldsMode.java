package io.squall.trident;

/** Which fields a join emits. */
public enum JoinOutFieldsMode {
    /** The join fields once, then the other fields of each stream in order. */
    COMPACT,
    /** Every field of each stream in order, join fields included (null for an outer stream without a match). */
    PRESERVE
}
