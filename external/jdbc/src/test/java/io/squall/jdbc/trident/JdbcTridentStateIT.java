package io.squall.jdbc.trident;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.jdbc.H2Database;
import io.squall.jdbc.common.Column;
import io.squall.jdbc.common.HikariCPConnectionProvider;
import io.squall.jdbc.mapper.SimpleJdbcLookupMapper;
import io.squall.jdbc.mapper.SimpleJdbcMapper;
import io.squall.jdbc.trident.state.JdbcQuery;
import io.squall.jdbc.trident.state.JdbcState;
import io.squall.jdbc.trident.state.JdbcStateFactory;
import io.squall.jdbc.trident.state.JdbcUpdater;
import io.squall.trident.TridentState;
import io.squall.trident.TridentTopology;
import io.squall.trident.testing.FixedBatchSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * storm-jdbc's Trident state in the shape of Storm's UserPersistenceTridentTopology: each batch of users is looked up
 * in the department table ({@link JdbcQuery}) and persisted to the users table ({@link JdbcUpdater}). Batches that
 * fail while the database is down are replayed; every user ends up stored once.
 */
@Timeout(180)
class JdbcTridentStateIT {
    private static final String UPSERT = "MERGE INTO users (user_id, user_name, dept_name) KEY (user_id) "
            + "VALUES (?, ?, ?)";

    private H2Database db;

    @BeforeEach
    void startDatabase() {
        db = H2Database.start("trident");
        db.execute("CREATE TABLE department (dept_id INT PRIMARY KEY, dept_name VARCHAR(50))");
        db.execute("INSERT INTO department VALUES (0, 'sales'), (1, 'support'), (2, 'research')");
        db.execute("CREATE TABLE users (user_id INT PRIMARY KEY, user_name VARCHAR(50), dept_name VARCHAR(50))");
    }

    @AfterEach
    void stopDatabase() {
        db.close();
    }

    @Test
    void everyUserIsLookedUpAndStoredOnceThoughTheDatabaseGoesAwayMidRun() {
        int n = 400;
        List<List<Object>> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            users.add(new Values(i, "user-" + i, i % 3));
        }
        HikariCPConnectionProvider provider = db.provider();
        JdbcStateFactory departments = new JdbcStateFactory(new JdbcState.Options()
                .withConnectionProvider(provider)
                .withJdbcLookupMapper(new SimpleJdbcLookupMapper(new Fields("dept_name"),
                        List.of(new Column<>("dept_id", Types.INTEGER))))
                .withSelectQuery("SELECT dept_name FROM department WHERE dept_id = ?")
                .withQueryTimeoutSecs(5));
        JdbcStateFactory usersTable = new JdbcStateFactory(new JdbcState.Options()
                .withConnectionProvider(provider)
                .withMapper(new SimpleJdbcMapper(List.of(new Column<>("user_id", Types.INTEGER),
                        new Column<>("user_name", Types.VARCHAR), new Column<>("dept_name", Types.VARCHAR))))
                .withInsertQuery(UPSERT));

        TridentTopology t = new TridentTopology();
        TridentState departmentState = t.newStaticState(departments);
        t.newStream("users", new FixedBatchSpout(new Fields("user_id", "user_name", "dept_id"), 5, users))
                .stateQuery(departmentState, new Fields("dept_id"), new JdbcQuery(), new Fields("dept_name"))
                .partitionPersist(usersTable, new Fields("user_id", "user_name", "dept_name"), new JdbcUpdater());
        Config conf = new Config();
        conf.put(Config.TOPOLOGY_TRIDENT_BATCH_EMIT_INTERVAL_MILLIS, 20);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("jdbc-trident", conf, t.build());
            Await.until(Duration.ofSeconds(60), () -> db.queryLong("SELECT COUNT(*) FROM users") >= 50,
                    () -> db.queryLong("SELECT COUNT(*) FROM users") + " users stored, waiting for 50");
            long beforeOutage = db.queryLong("SELECT COUNT(*) FROM users");
            db.stop();
            assertTrue(beforeOutage < n, "the run must still be going when the database stops: " + beforeOutage);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1500)); // batches fail meanwhile
            db.restart();
            Await.until(Duration.ofSeconds(120), () -> db.queryLong("SELECT COUNT(*) FROM users") == n,
                    () -> db.queryLong("SELECT COUNT(*) FROM users") + " of " + n + " users stored");
            cluster.killTopology("jdbc-trident");
        }
        assertEquals(n, db.queryLong("SELECT COUNT(*) FROM users u JOIN department d ON d.dept_name = u.dept_name "
                + "WHERE d.dept_id = MOD(u.user_id, 3) AND u.user_name = CONCAT('user-', u.user_id)"),
                "each user with the department the query found for it");
    }

    @Test
    void optionsThatCannotWorkAreRefusedWhereTheTopologyIsBuilt() {
        IllegalArgumentException nothing = assertThrows(IllegalArgumentException.class,
                () -> new JdbcStateFactory(new JdbcState.Options().withConnectionProvider(db.provider())));
        assertTrue(nothing.getMessage().contains("withTableName") && nothing.getMessage().contains("withSelectQuery"),
                nothing.getMessage());
        IllegalArgumentException noProvider = assertThrows(IllegalArgumentException.class,
                () -> new JdbcStateFactory(new JdbcState.Options().withTableName("users")));
        assertTrue(noProvider.getMessage().contains("withConnectionProvider"), noProvider.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> new JdbcStateFactory(new JdbcState.Options().withConnectionProvider(db.provider())
                        .withTableName("users").withInsertQuery(UPSERT)));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
    }
}
