package io.squall.topology;

import io.squall.task.IBolt;

/** A bolt that declares its outputs: what {@link TopologyBuilder#setBolt} takes. */
public interface IRichBolt extends IBolt, IComponent {
}
