package io.squall.cluster;

/**
 * The life of a submitted topology, as Storm's.
 *
 * <pre>
 *   ACTIVE <--activate/deactivate--> INACTIVE
 *      |  \                          /  |
 *      |   +--rebalance--> REBALANCING <+   (spouts deactivated for the wait, then the new assignment and
 *      |                        |           the status from before)
 *      +-------------kill-------+---------> KILLED (spouts deactivated for the wait, then removed)
 * </pre>
 */
public enum TopologyStatus { ACTIVE, INACTIVE, KILLED, REBALANCING }
