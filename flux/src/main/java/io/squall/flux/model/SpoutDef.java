package io.squall.flux.model;

/** A spout of the {@code spouts} section. */
public class SpoutDef extends VertexDef {
}
