package io.squall.streams.operations;

import java.io.Serializable;

/** The root of the Streams API's operations, as Storm's: serializable, since they travel inside the topology. */
public interface Operation extends Serializable {
}
