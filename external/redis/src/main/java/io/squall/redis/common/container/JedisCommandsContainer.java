package io.squall.redis.common.container;

import redis.clients.jedis.commands.JedisCommands;

import java.io.Closeable;

/**
 * Storm's handle on a bolt's Redis client, what {@code AbstractRedisBolt.getInstance()} returns: every single-key
 * command of Jedis's {@link JedisCommands} (Storm's declares a subset of them, with the same names and arguments),
 * so code written against either Storm's container or Storm's older {@code JedisCommands} compiles after the import
 * rewrite. Each command borrows a pooled connection and returns it.
 */
public interface JedisCommandsContainer extends JedisCommands, Closeable {
    /**
     * Releases the container. One a bolt got from {@code getInstance()} stays open (the bolt closes its client at
     * cleanup); one made with {@link JedisCommandsContainerBuilder} closes its client.
     */
    @Override
    void close();
}
