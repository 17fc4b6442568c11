package io.squall.trident.state;

import java.util.Iterator;
import java.util.List;

/** A state whose content can be listed as tuples ({@code TupleCollectionGet} queries it). */
public interface ITupleCollection {
    /** Every tuple the state holds. */
    Iterator<List<Object>> getTuples();
}
