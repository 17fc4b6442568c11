package io.squall.trident.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.topology.FailedException;
import io.squall.trident.operation.BaseFunction;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.tuple.TridentTuple;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Emits a tuple per element of the JSON array of arrays in its first field (a DRPC request's arguments, say
 * {@code [["a", 1], ["b", 2]]}); whole numbers come as {@code Long}s. An argument that is not such an array fails the
 * batch, naming it.
 */
public class TuplifyArgs extends BaseFunction {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    @Override
    public void execute(TridentTuple input, TridentCollector collector) {
        String args = input.getString(0);
        List<?> tuples;
        try {
            tuples = JSON.readValue(args, List.class);
        } catch (IOException e) {
            throw new FailedException("TuplifyArgs needs a JSON array of arrays, got '" + args + "': "
                    + e.getMessage(), e);
        }
        for (Object t : tuples) {
            if (!(t instanceof List<?> values)) {
                throw new FailedException("TuplifyArgs needs a JSON array of arrays, got the element " + t
                        + " in '" + args + "'");
            }
            collector.emit(new ArrayList<>(values));
        }
    }
}
