package io.brushwork.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${NAME}} in the config file's values, replaced from the environment, so that secrets (a provider's key, the
 * database password) need not be written into the file. {@code ${NAME:-fallback}} gives a value for when the variable
 * is unset or empty, as in the shell; {@code $${} is a literal {@code ${}. A variable that is unset, with no fallback, is an error naming the
 * key, rather than an empty secret that would fail later and far away.
 */
final class EnvReferences {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

    private final Map<String, String> env;
    private final Path file;

    EnvReferences(Map<String, String> env, Path file) {
        this.env = env;
        this.file = file;
    }

    /** The tree with every reference in its string values replaced; keys are left as written. */
    JsonNode resolve(JsonNode node) {
        return resolve(node, "");
    }

    private JsonNode resolve(JsonNode node, String where) {
        if (node.isTextual()) {
            return TextNode.valueOf(resolve(node.textValue(), where));
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(field -> copy.set(field.getKey(),
                    resolve(field.getValue(), where.isEmpty() ? field.getKey() : where + "." + field.getKey())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                copy.add(resolve(node.get(i), where + "[" + i + "]"));
            }
            return copy;
        }
        return node;
    }

    private String resolve(String text, String where) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$${")) {
                replacement = "${";
            } else if (m.group(2) != null) {
                // As the shell's ${NAME:-fallback}: the fallback also when the variable is set but empty.
                String value = env.get(m.group(1));
                replacement = value == null || value.isEmpty() ? m.group(3) : value;
            } else if (env.containsKey(m.group(1))) {
                replacement = env.get(m.group(1));
            } else {
                throw new ConfigException(where + " in " + file + " refers to ${" + m.group(1) + "}, which is not"
                        + " set in the environment; set it, or give a fallback as ${" + m.group(1) + ":-value}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
