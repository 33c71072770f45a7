package io.brushwork.safety;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a term list file: a YAML mapping of category name to a list of terms. A category with no terms may be
 * left empty ({@code hate:} or {@code hate: []}). Anything else is refused with the category at fault, so a
 * mistyped file cannot silently check nothing.
 */
final class TermsFile {
    /** A category written twice would otherwise silently lose its first list. */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private TermsFile() {
    }

    static Map<String, List<String>> read(InputStream in, String source) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + " is not valid YAML: " + e.getOriginalMessage(), e);
        }
        Map<String, List<String>> terms = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return terms;
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(source + " must map category names to lists of terms");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String category = field.getKey();
            JsonNode list = field.getValue();
            List<String> values = new ArrayList<>();
            if (list.isArray()) {
                for (JsonNode term : list) {
                    if (!term.isValueNode() || term.isNull()) {
                        throw new IllegalArgumentException(
                                source + ": category '" + category + "' must list terms as plain text");
                    }
                    values.add(term.asText());
                }
            } else if (!list.isNull()) {
                throw new IllegalArgumentException(
                        source + ": category '" + category + "' must be a list of terms");
            }
            terms.put(category, values);
        }
        return terms;
    }
}
