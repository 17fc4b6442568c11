package io.squall.cluster;

import java.util.List;

/**
 * What a supervisor publishes about itself in {@code /supervisors/<id>} (ephemeral).
 *
 * @param ports        its worker ports (slots)
 * @param startTimeMs  when it started, for uptime
 */
public record SupervisorInfo(String id, String host, List<Integer> ports, long startTimeMs) { }
