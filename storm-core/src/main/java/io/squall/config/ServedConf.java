package io.squall.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Nimbus's configuration as its API serves it ({@code GET /api/v1/conf}, Storm's {@code getNimbusConf}, for
 * {@code squall remoteconfvalue}): every key but those that name a secret. A key is withheld, with everything under
 * it, if its name holds {@code password}, {@code passwd}, {@code secret}, {@code token} or {@code credential} (the
 * cluster secret's file, a keystore password, a reporter's API token); a map value is checked key by key.
 *
 * @param conf     the keys served
 * @param withheld the keys left out, sorted (nested ones as {@code outer.inner})
 */
public record ServedConf(Map<String, Object> conf, List<String> withheld) {
    private static final List<String> SECRET_WORDS = List.of("password", "passwd", "secret", "token", "credential");

    /** What Nimbus serves of {@code conf}. */
    public static ServedConf of(Map<String, Object> conf) {
        List<String> withheld = new ArrayList<>();
        Map<String, Object> served = redact(conf, "", withheld);
        withheld.sort(null);
        return new ServedConf(served, List.copyOf(withheld));
    }

    /** Whether a key's name says its value is a secret. */
    public static boolean namesSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(k::contains);
    }

    private static Map<String, Object> redact(Map<?, ?> conf, String prefix, List<String> withheld) {
        Map<String, Object> out = new TreeMap<>();
        conf.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (namesSecret(key)) {
                withheld.add(prefix + key);
            } else if (v instanceof Map<?, ?> inner) {
                out.put(key, redact(inner, prefix + key + ".", withheld));
            } else {
                out.put(key, v);
            }
        });
        return out;
    }

    /** The API's answer: {@code {"conf": {...}, "withheld": [...]}}. */
    public Map<String, Object> answer() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("conf", conf);
        m.put("withheld", withheld);
        return m;
    }
}
