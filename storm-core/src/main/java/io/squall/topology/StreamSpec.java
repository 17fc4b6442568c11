package io.squall.topology;

import io.squall.tuple.Fields;

import java.io.Serializable;

/**
 * A declared output stream: its schema and whether its tuples are sent with {@code emitDirect}.
 *
 * @param fields the stream's schema
 * @param direct whether subscribers must use a direct grouping
 */
public record StreamSpec(Fields fields, boolean direct) implements Serializable {
}
