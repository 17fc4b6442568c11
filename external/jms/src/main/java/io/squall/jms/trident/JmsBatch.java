package io.squall.jms.trident;

/** Kept for Storm's API, where it marks a batch of the Trident JMS spout; it holds nothing. */
public class JmsBatch {
}
