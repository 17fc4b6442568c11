package io.squall.topology;

import io.squall.spout.ISpout;

/** A spout that declares its outputs: what {@link TopologyBuilder#setSpout} takes. */
public interface IRichSpout extends ISpout, IComponent {
}
