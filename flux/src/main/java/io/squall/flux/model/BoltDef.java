package io.squall.flux.model;

/** A bolt of the {@code bolts} section; it joins the topology through the streams that end at it. */
public class BoltDef extends VertexDef {
}
