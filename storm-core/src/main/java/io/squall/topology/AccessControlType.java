package io.squall.topology;

/** Whom an {@link AccessControl} entry of a blob names: one user, or everyone else. */
public enum AccessControlType {
    /** Every user not named by a {@link #USER} entry. */
    OTHER,
    /** One user, by name. */
    USER
}
