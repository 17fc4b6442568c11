package io.squall.jdbc.mapper;

import io.squall.Testing;
import io.squall.jdbc.bolt.JdbcInsertBolt;
import io.squall.jdbc.bolt.JdbcLookupBolt;
import io.squall.jdbc.common.Column;
import io.squall.jdbc.common.HikariCPConnectionProvider;
import io.squall.testing.MkTupleParam;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The column mappers, and the mistakes the bolts refuse where the topology is built. */
class JdbcMappersTest {
    private static Tuple tuple(List<Object> values, String... fields) {
        MkTupleParam param = new MkTupleParam();
        param.setFields(fields);
        return Testing.testTuple(values, param);
    }

    @Test
    void theSimpleMapperTakesEachColumnFromTheFieldOfItsNameInAnyCase() {
        SimpleJdbcMapper mapper = new SimpleJdbcMapper(List.of(new Column<>("USER_ID", Types.INTEGER),
                new Column<>("name", Types.VARCHAR), new Column<>("born", Types.DATE),
                new Column<>("seen", Types.TIMESTAMP)));
        long millis = Timestamp.valueOf("2026-12-03 10:00:00").getTime();
        List<Column> row = mapper.getColumns(tuple(new Values("ann", 7, millis, new java.util.Date(millis)),
                "name", "user_id", "born", "seen"));
        assertEquals(List.of(new Column<>("USER_ID", 7, Types.INTEGER), new Column<>("name", "ann", Types.VARCHAR),
                new Column<>("born", new Date(millis), Types.DATE),
                new Column<>("seen", new Timestamp(millis), Types.TIMESTAMP)), row);
    }

    @Test
    void aColumnWithoutAFieldIsNamedWithTheTuplesFields() {
        SimpleJdbcMapper mapper = new SimpleJdbcMapper(List.of(new Column<>("user_id", Types.INTEGER)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mapper.getColumns(tuple(new Values(1), "id")));
        assertTrue(e.getMessage().contains("user_id") && e.getMessage().contains("[id]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SimpleJdbcMapper(List.of()));
    }

    @Test
    void theLookupMapperTakesOutputFieldsFromTheInputThenFromTheRow() {
        SimpleJdbcLookupMapper mapper = new SimpleJdbcLookupMapper(new Fields("user_id", "dept_name"),
                List.of(new Column<>("user_id", Types.INTEGER)));
        Tuple input = tuple(new Values(3), "user_id");
        assertEquals(List.of(new Column<>("user_id", 3, Types.INTEGER)), mapper.getColumns(input));
        assertEquals(List.of(new Values(3, "sales")), mapper.toTuple(input,
                List.of(new Column<>("DEPT_NAME", "sales", Types.VARCHAR))));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> mapper.toTuple(input, List.of(new Column<>("other", "x", Types.VARCHAR))));
        assertTrue(missing.getMessage().contains("dept_name") && missing.getMessage().contains("AS dept_name"),
                missing.getMessage());
    }

    @Test
    void boltsThatCannotWorkAreRefusedWhereTheTopologyIsBuilt() {
        HikariCPConnectionProvider provider = new HikariCPConnectionProvider(Map.of("jdbcUrl", "jdbc:h2:mem:x"));
        SimpleJdbcMapper mapper = new SimpleJdbcMapper(List.of(new Column<>("id", Types.INTEGER)));
        TopologyBuilder b = new TopologyBuilder();
        b.setBolt("insert", new JdbcInsertBolt(provider, mapper));
        IllegalArgumentException neither = assertThrows(IllegalArgumentException.class, b::createTopology);
        assertTrue(neither.getMessage().contains("withTableName") && neither.getMessage().contains("withInsertQuery"),
                neither.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> new JdbcInsertBolt(provider, mapper).withTableName("t").withInsertQuery("INSERT INTO t"));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new JdbcInsertBolt(null, mapper));
        assertThrows(IllegalArgumentException.class, () -> new JdbcLookupBolt(provider, " ", null));
    }
}
