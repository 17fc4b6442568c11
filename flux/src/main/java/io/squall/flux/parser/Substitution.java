package io.squall.flux.parser;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flux's {@code ${...}} filtering, done on the YAML text before it is parsed, as Storm does: {@code ${key}} is the
 * property {@code key} of the {@code --filter} file, {@code ${key[i]}} the i-th element of a property written as a
 * list ({@code ["a", "b"]}), and {@code ${ENV-NAME}} the environment variable {@code NAME} with {@code --env-filter}.
 * A placeholder with no value is left as written, with a warning (Storm's behaviour). Stateless.
 */
final class Substitution {
    private static final Logger LOG = LoggerFactory.getLogger(Substitution.class);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");
    private static final Pattern LIST_ELEMENT = Pattern.compile("(.+)\\[(\\d+)]");
    private static final String ENV_PREFIX = "ENV-";

    private Substitution() {
    }

    /** {@code text} with every placeholder that has a value replaced. */
    static String apply(String text, Properties properties, boolean envSubstitution, Map<String, String> env) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String key = m.group(1);
            String value = valueOf(key, properties, envSubstitution, env);
            if (value == null) {
                LOG.warn("Could not find replacement for property: {} (left as written; give it a value in the "
                        + "--filter file, or pass --env-filter for ENV- variables)", key);
                value = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String valueOf(String key, Properties properties, boolean envSubstitution,
                                  Map<String, String> env) {
        if (key.startsWith(ENV_PREFIX) && envSubstitution) {
            return env.get(key.substring(ENV_PREFIX.length()));
        }
        if (properties == null) {
            return null;
        }
        String value = properties.getProperty(key);
        if (value != null) {
            return value;
        }
        Matcher element = LIST_ELEMENT.matcher(key);
        if (element.matches()) {
            String list = properties.getProperty(element.group(1));
            return list == null ? null : listElement(list, Integer.parseInt(element.group(2)));
        }
        return null;
    }

    /** Element {@code index} of {@code ["a", "b"]}, without its quotes; null when there is no such element. */
    private static String listElement(String list, int index) {
        String body = list.trim();
        if (body.startsWith("[") && body.endsWith("]")) {
            body = body.substring(1, body.length() - 1);
        }
        String[] items = body.split(",");
        if (index >= items.length) {
            return null;
        }
        String item = items[index].trim();
        if (item.length() >= 2 && (item.startsWith("\"") && item.endsWith("\"")
                || item.startsWith("'") && item.endsWith("'"))) {
            item = item.substring(1, item.length() - 1);
        }
        return item;
    }
}
