package io.squall.cluster;

/**
 * The life of a submitted topology. A rebalance changes the assignment, not the status.
 *
 * <pre>
 *   ACTIVE <--activate/deactivate--> INACTIVE
 *      \                               /
 *       +------------kill------------+--> KILLED (spouts deactivated for the wait, then removed)
 * </pre>
 */
public enum TopologyStatus { ACTIVE, INACTIVE, KILLED }
