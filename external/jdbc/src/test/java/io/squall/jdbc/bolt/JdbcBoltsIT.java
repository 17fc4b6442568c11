package io.squall.jdbc.bolt;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.jdbc.H2Database;
import io.squall.jdbc.common.Column;
import io.squall.jdbc.common.HikariCPConnectionProvider;
import io.squall.jdbc.mapper.SimpleJdbcLookupMapper;
import io.squall.jdbc.mapper.SimpleJdbcMapper;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testing.AckTracker;
import io.squall.testing.FixedTupleSpout;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * storm-jdbc's bolts in the shape of Storm's UserPersistenceTopology: a lookup bolt finds each user's department,
 * an insert bolt stores the user with it. The database goes away mid-run and at start; every user ends up stored
 * once.
 */
@Timeout(180)
class JdbcBoltsIT {
    private static final String UPSERT = "MERGE INTO users (user_id, user_name, dept_name, create_date) KEY (user_id) "
            + "VALUES (?, ?, ?, ?)";
    private static final long CREATED = Timestamp.valueOf("2026-12-03 08:00:00").getTime();

    private H2Database db;

    @BeforeEach
    void startDatabase() {
        db = H2Database.start("bolts");
        db.execute("CREATE TABLE department (dept_id INT PRIMARY KEY, dept_name VARCHAR(50))");
        db.execute("INSERT INTO department VALUES (0, 'sales'), (1, 'support'), (2, 'research'), (3, 'finance')");
        db.execute("CREATE TABLE users (user_id INT PRIMARY KEY, user_name VARCHAR(50), dept_name VARCHAR(50), "
                + "create_date TIMESTAMP)");
    }

    @AfterEach
    void stopDatabase() {
        db.close();
    }

    private static List<List<Object>> users(int n) {
        List<List<Object>> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            users.add(new Values(i, "user-" + i, i % 4, CREATED + i));
        }
        return users;
    }

    /** users → pace → lookup (department) → insert (users), as UserPersistenceTopology. */
    private TopologyBuilder topology(int n, String tracker, long paceMicros) {
        HikariCPConnectionProvider provider = db.provider();
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("users", new FixedTupleSpout(users(n), new Fields("user_id", "user_name", "dept_id", "create_date"),
                tracker));
        b.setBolt("pace", new Pace(paceMicros)).shuffleGrouping("users");
        b.setBolt("department", new JdbcLookupBolt(provider, "SELECT dept_name FROM department WHERE dept_id = ?",
                new SimpleJdbcLookupMapper(new Fields("user_id", "user_name", "dept_name", "create_date"),
                        List.of(new Column<>("dept_id", Types.INTEGER)))).withQueryTimeoutSecs(5), 2)
                .shuffleGrouping("pace");
        // The mapper reads the table's columns (USER_ID, ...) from the database; the fields match them in any case.
        b.setBolt("store", new JdbcInsertBolt(provider, new SimpleJdbcMapper("users", provider))
                .withInsertQuery(UPSERT), 2).shuffleGrouping("department");
        return b;
    }

    private static Config conf() {
        Config conf = new Config();
        conf.setMaxSpoutPending(20);
        conf.setMessageTimeoutSecs(10);
        return conf;
    }

    private void assertEveryUserStoredOnceWithItsDepartment(int n) {
        assertEquals(n, db.queryLong("SELECT COUNT(*) FROM users"));
        assertEquals(n, db.queryLong("SELECT COUNT(*) FROM users u JOIN department d ON d.dept_name = u.dept_name "
                + "WHERE d.dept_id = MOD(u.user_id, 4) AND u.user_name = CONCAT('user-', u.user_id)"));
        assertEquals(n, db.queryLong("SELECT COUNT(*) FROM users WHERE DATEDIFF(MILLISECOND, TIMESTAMP '2026-12-03 "
                + "08:00:00', create_date) = user_id"), "the spout's epoch millis become the TIMESTAMP");
    }

    @Test
    void everyUserIsStoredOnceThoughTheDatabaseGoesAwayMidRun() {
        int n = 1500;
        AckTracker acks = AckTracker.named("jdbc-mid");
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("jdbc-mid", conf(), topology(n, "jdbc-mid", 2000).createTopology());
            Await.until(Duration.ofSeconds(60), () -> db.queryLong("SELECT COUNT(*) FROM users") >= 200,
                    () -> db.queryLong("SELECT COUNT(*) FROM users") + " users stored, waiting for 200");
            db.stop();
            Await.until(Duration.ofSeconds(30), () -> acks.totalFails() >= 5,
                    () -> acks.totalFails() + " tuples failed while the database is down");
            db.restart();
            Await.until(Duration.ofSeconds(120), () -> acks.distinctAcked() == n,
                    () -> acks.distinctAcked() + " of " + n + " users acked after the database came back");
            cluster.killTopology("jdbc-mid");
        } finally {
            AckTracker.remove("jdbc-mid");
        }
        assertEveryUserStoredOnceWithItsDepartment(n);
    }

    @Test
    void boltsWhoseDatabaseIsDownAtStartFailTheirTuplesUntilItIsUp() {
        int n = 100;
        AckTracker acks = AckTracker.named("jdbc-start");
        try (LocalCluster cluster = new LocalCluster()) {
            TopologyBuilder b = topology(n, "jdbc-start", 0); // reads the schema while the database is up
            db.stop();
            cluster.submitTopology("jdbc-start", conf(), b.createTopology());
            Await.until(Duration.ofSeconds(30), () -> acks.totalFails() >= 20,
                    () -> acks.totalFails() + " tuples failed while the database is down");
            assertEquals(0, acks.distinctAcked());
            db.restart();
            Await.until(Duration.ofSeconds(120), () -> acks.distinctAcked() == n,
                    () -> acks.distinctAcked() + " of " + n + " users acked after the database came up");
            cluster.killTopology("jdbc-start");
        } finally {
            AckTracker.remove("jdbc-start");
        }
        assertEveryUserStoredOnceWithItsDepartment(n);
    }

    /** Passes each tuple on after {@code micros}, so that a run lasts long enough to stop the database in it. */
    static final class Pace extends BaseRichBolt {
        private static final long serialVersionUID = 1L;
        private final long micros;
        private transient OutputCollector collector;

        Pace(long micros) {
            this.micros = micros;
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void execute(Tuple input) {
            if (micros > 0) {
                LockSupport.parkNanos(micros * 1000);
            }
            collector.emit(input, input.getValues());
            collector.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("user_id", "user_name", "dept_id", "create_date"));
        }
    }
}
