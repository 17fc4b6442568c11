package io.squall.trident.planner;

import io.squall.trident.tuple.TridentTupleView;
import io.squall.tuple.Fields;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks some fields out of tuples, remembering their positions for the last schema seen (a processor's input
 * schema rarely changes), so a selection costs no name lookups. Confined to the task thread.
 */
final class Selector {
    private final Fields selected;
    private Fields lastSchema;
    private int[] indexes;
    private boolean identity;

    Selector(Fields selected) {
        this.selected = selected;
    }

    private void learn(Fields schema) {
        if (schema == lastSchema) {
            return;
        }
        lastSchema = schema;
        indexes = new int[selected.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = schema.fieldIndex(selected.get(i));
        }
        identity = schema.equals(selected);
    }

    /** The selected values, in the selector's order. */
    List<Object> values(TridentTupleView tuple) {
        learn(tuple.getFields());
        List<Object> ret = new ArrayList<>(indexes.length);
        for (int i : indexes) {
            ret.add(tuple.get(i));
        }
        return ret;
    }

    /** The value of the first selected field. */
    Object first(TridentTupleView tuple) {
        learn(tuple.getFields());
        return tuple.get(indexes[0]);
    }

    /** The selected fields as a tuple, or the tuple itself when it has exactly them. */
    TridentTupleView project(TridentTupleView tuple) {
        learn(tuple.getFields());
        return identity ? tuple : new TridentTupleView(selected, values(tuple));
    }
}
