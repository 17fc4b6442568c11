package io.squall.jdbc.common;

import io.squall.jdbc.H2Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JdbcClient and HikariCPConnectionProvider against a real H2 server. */
@Timeout(60)
class JdbcClientIT {
    private static H2Database db;
    private static HikariCPConnectionProvider provider;
    private static JdbcClient client;

    @BeforeAll
    static void start() {
        db = H2Database.start("client");
        provider = db.provider();
        provider.prepare();
        client = new JdbcClient(provider, 10);
        client.executeSql("CREATE TABLE reading (id INT PRIMARY KEY, meter VARCHAR(32), kwh DOUBLE, "
                + "price DECIMAL(10,2), ok BOOLEAN, raw VARBINARY(16), read_on DATE, read_at TIMESTAMP, n BIGINT)");
    }

    @AfterAll
    static void stop() {
        if (provider != null) {
            provider.cleanup();
        }
        if (db != null) {
            db.close();
        }
    }

    private static List<Column> row(int id, String meter, Double kwh) {
        return List.of(new Column<>("id", id, Types.INTEGER), new Column<>("meter", meter, Types.VARCHAR),
                new Column<>("kwh", kwh, Types.DOUBLE), new Column<>("price", new BigDecimal("1.25"), Types.DECIMAL),
                new Column<>("ok", true, Types.BOOLEAN), new Column<>("raw", new byte[] {1, 2, 3}, Types.VARBINARY),
                new Column<>("read_on", Date.valueOf("2026-12-03"), Types.DATE),
                new Column<>("read_at", Timestamp.valueOf("2026-12-03 10:15:30"), Types.TIMESTAMP),
                new Column<>("n", 7, Types.BIGINT));
    }

    @Test
    void rowsGoInAndComeBackWithTheirTypesAndNulls() {
        client.insert("reading", List.of(row(1, "m-1", 2.5), row(2, null, null)));
        List<List<Column>> rows = client.select("SELECT * FROM reading WHERE id <= ? ORDER BY id",
                List.of(new Column<>("id", 2, Types.INTEGER)));
        assertEquals(2, rows.size());
        Map<String, Object> first = values(rows.get(0));
        assertEquals(1, first.get("ID"));
        assertEquals("m-1", first.get("METER"));
        assertEquals(2.5, first.get("KWH"));
        assertEquals(new BigDecimal("1.25"), first.get("PRICE"));
        assertEquals(true, first.get("OK"));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) first.get("RAW"));
        assertEquals(Date.valueOf("2026-12-03"), first.get("READ_ON"));
        assertEquals(Timestamp.valueOf("2026-12-03 10:15:30"), first.get("READ_AT"));
        assertEquals(7L, first.get("N"), "an Integer value fits a BIGINT column and comes back a Long");
        Map<String, Object> second = values(rows.get(1));
        assertNull(second.get("METER"));
        assertNull(second.get("KWH"), "SQL NULL is null, not 0.0");
    }

    private static Map<String, Object> values(List<Column> row) {
        Map<String, Object> m = new java.util.HashMap<>();
        for (Column<?> c : row) {
            m.put(c.getColumnName(), c.getVal());
        }
        return m;
    }

    @Test
    void aBatchCommitsWholeOrNotAtAll() {
        client.insert("reading", List.of(row(10, "a", 1.0)));
        JdbcException e = assertThrows(JdbcException.class,
                () -> client.insert("reading", List.of(row(11, "b", 1.0), row(10, "dup", 1.0))));
        assertTrue(e.getMessage().contains("INSERT INTO reading"), e.getMessage());
        assertEquals(0, db.queryLong("SELECT COUNT(*) FROM reading WHERE id = 11"),
                "the batch's first row is rolled back with the failing one");
    }

    @Test
    void theSchemaIsFoundWhateverTheCaseOfTheTableName() {
        List<Column> schema = client.getColumnSchema("reading");
        assertEquals(9, schema.size());
        assertEquals("ID", schema.get(0).getColumnName());
        assertEquals(Types.INTEGER, schema.get(0).getSqlType());
        assertEquals(Types.VARCHAR, schema.get(1).getSqlType());
        assertEquals(schema, client.getColumnSchema("PUBLIC.READING"));
    }

    @Test
    void anUnqualifiedNameMeansTheConnectionsSchemaThenTheOnlySchemaWithSuchATable() {
        client.executeSql("CREATE TABLE users (user_id INT)");
        assertEquals(List.of(new Column<>("USER_ID", Types.INTEGER)), client.getColumnSchema("users"),
                "not INFORMATION_SCHEMA.USERS");
        client.executeSql("CREATE SCHEMA other");
        client.executeSql("CREATE TABLE other.solo (a INT, b VARCHAR(5))");
        assertEquals(2, client.getColumnSchema("solo").size());
        client.executeSql("CREATE SCHEMA third");
        client.executeSql("CREATE TABLE other.twice (a INT)");
        client.executeSql("CREATE TABLE third.twice (a INT)");
        JdbcException twice = assertThrows(JdbcException.class, () -> client.getColumnSchema("twice"));
        assertTrue(twice.getMessage().contains("OTHER") && twice.getMessage().contains("THIRD")
                && twice.getMessage().contains("schema.table"), twice.getMessage());
        assertEquals(1, client.getColumnSchema("third.twice").size());
    }

    @Test
    void mistakesAreNamed() {
        JdbcException table = assertThrows(JdbcException.class, () -> client.getColumnSchema("no_such_table"));
        assertTrue(table.getMessage().contains("no_such_table"), table.getMessage());
        JdbcException value = assertThrows(JdbcException.class, () -> client.insert("reading",
                List.of(List.of(new Column<>("id", "not a number", Types.INTEGER)))));
        assertTrue(value.getMessage().contains("id") && value.getMessage().contains("INTEGER")
                && value.getMessage().contains("not a number"), value.getMessage());
        JdbcException type = assertThrows(JdbcException.class, () -> Util.getJavaType(Types.ARRAY));
        assertTrue(type.getMessage().contains("ARRAY"), type.getMessage());
        JdbcException syntax = assertThrows(JdbcException.class, () -> client.select("SELEKT 1", List.of()));
        assertTrue(syntax.getMessage().contains("SELEKT 1"), syntax.getMessage());
    }

    @Test
    void aProviderWhoseDatabaseIsDownSaysWhereAndWorksOnceItIsUp() {
        H2Database later = H2Database.start("later");
        later.stop();
        HikariCPConnectionProvider p = later.provider();
        try {
            JdbcException down = assertThrows(JdbcException.class, p::prepare);
            assertTrue(down.getMessage().contains(later.url()), down.getMessage());
            later.restart();
            new JdbcClient(p, 5).executeSql("CREATE TABLE t (x INT)");
            assertEquals(0, later.queryLong("SELECT COUNT(*) FROM t"));
        } finally {
            p.cleanup();
            later.close();
        }
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> new HikariCPConnectionProvider(Map.of()));
        assertTrue(empty.getMessage().contains("jdbcUrl"), empty.getMessage());
        JdbcException bad = assertThrows(JdbcException.class,
                () -> new HikariCPConnectionProvider(Map.of("jdbcUrl", "jdbc:nosuchdb://x")).prepare());
        assertTrue(bad.getMessage().contains("jdbc:nosuchdb://x"), bad.getMessage());
    }
}
