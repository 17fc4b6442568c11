package io.squall.redis.bolt;

import io.squall.redis.common.mapper.RedisDataTypeDescription;
import io.squall.redis.common.mapper.RedisDataTypeDescription.RedisDataType;
import io.squall.redis.common.mapper.RedisFilterMapper;
import io.squall.redis.common.mapper.RedisLookupMapper;
import io.squall.redis.common.mapper.RedisStoreMapper;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.tuple.Fields;
import io.squall.tuple.ITuple;
import io.squall.tuple.Values;

import java.util.List;

/** Mappers for tuples ("word", "count"), as a user of storm-redis writes them. */
final class WordMappers {
    private WordMappers() {
    }

    /** Stores the count under the word, in a data type given by the test. */
    static final class Store implements RedisStoreMapper {
        private static final long serialVersionUID = 1L;
        private final RedisDataTypeDescription type;

        Store(RedisDataType dataType, String additionalKey) {
            this.type = new RedisDataTypeDescription(dataType, additionalKey);
        }

        @Override
        public RedisDataTypeDescription getDataTypeDescription() {
            return type;
        }

        @Override
        public String getKeyFromTuple(ITuple tuple) {
            return tuple.getStringByField("word");
        }

        @Override
        public String getValueFromTuple(ITuple tuple) {
            return tuple.getValueByField("count").toString();
        }
    }

    /** Looks the word's count up in a hash and emits ("word", "count"). */
    static final class Lookup implements RedisLookupMapper {
        private static final long serialVersionUID = 1L;
        private final RedisDataTypeDescription type;

        Lookup(String hash) {
            this.type = new RedisDataTypeDescription(RedisDataType.HASH, hash);
        }

        @Override
        public List<Values> toTuple(ITuple input, Object value) {
            return List.of(new Values(getKeyFromTuple(input), value));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word", "count"));
        }

        @Override
        public RedisDataTypeDescription getDataTypeDescription() {
            return type;
        }

        @Override
        public String getKeyFromTuple(ITuple tuple) {
            return tuple.getStringByField("word");
        }

        @Override
        public String getValueFromTuple(ITuple tuple) {
            return null;
        }
    }

    /** Passes the words that are fields of a hash. */
    static final class Filter implements RedisFilterMapper {
        private static final long serialVersionUID = 1L;
        private final RedisDataTypeDescription type;

        Filter(RedisDataType dataType, String additionalKey) {
            this.type = new RedisDataTypeDescription(dataType, additionalKey);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word"));
        }

        @Override
        public RedisDataTypeDescription getDataTypeDescription() {
            return type;
        }

        @Override
        public String getKeyFromTuple(ITuple tuple) {
            return tuple.getStringByField("word");
        }

        @Override
        public String getValueFromTuple(ITuple tuple) {
            return null;
        }
    }
}
