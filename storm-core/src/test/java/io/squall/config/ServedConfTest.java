package io.squall.config;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServedConfTest {
    @Test
    void keysThatNameASecretAreWithheldAtAnyDepthAndTheRestIsServed() {
        Map<String, Object> conf = new LinkedHashMap<>();
        conf.put("nimbus.port", 6627);
        conf.put("supervisor.slots.ports", List.of(6700, 6701));
        conf.put("squall.cluster.secret.file", "/etc/squall/cluster.secret");
        conf.put("squall.credentials.file", "~/.squall/credentials");
        conf.put("my.keystore.Password", "hunter2");
        conf.put("reporter.api.token", "t0ken");
        conf.put("db", Map.of("url", "jdbc:h2:mem:x", "passwd", "pw"));
        ServedConf served = ServedConf.of(conf);
        assertEquals(List.of("db.passwd", "my.keystore.Password", "reporter.api.token", "squall.cluster.secret.file",
                "squall.credentials.file"), served.withheld());
        assertEquals(6627, served.conf().get("nimbus.port"));
        assertEquals(List.of(6700, 6701), served.conf().get("supervisor.slots.ports"));
        assertEquals(Map.of("url", "jdbc:h2:mem:x"), served.conf().get("db"));
        String all = served.answer().toString();
        for (String secret : List.of("hunter2", "t0ken", "pw,", "cluster.secret\"", "/etc/squall")) {
            assertFalse(all.contains(secret), secret + " served: " + all);
        }
        assertTrue(ServedConf.namesSecret("squall.auth.TOKEN.file"));
        assertFalse(ServedConf.namesSecret("nimbus.seeds"));
    }
}
