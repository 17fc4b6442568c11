package io.squall.trident.spout;

import java.io.Serializable;

/** Anything {@code TridentTopology.newStream} takes as a source of batches. */
public interface ITridentDataSource extends Serializable {
}
