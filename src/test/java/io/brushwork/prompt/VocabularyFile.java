package io.brushwork.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The expander's data file read as a plain tree, so tests check against the data, not against the code's view. */
final class VocabularyFile {
    private final JsonNode root;

    private VocabularyFile(JsonNode root) {
        this.root = root;
    }

    static VocabularyFile read() {
        try (InputStream in = VocabularyFile.class.getClassLoader().getResourceAsStream("prompt/magic-prompt.yaml")) {
            return new VocabularyFile(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Every phrase of a language's style, or an empty set if the file has none for it. */
    Set<String> phrases(String language, StyleType style) {
        return phrasesUnder(root.path("languages").path(language).path("styles").path(style.name()));
    }

    Set<String> neutral(StyleType style) {
        return phrasesUnder(root.path("neutral").path(style.name()));
    }

    /** Every phrase a language has, for any style. */
    Set<String> allPhrases(String language) {
        Set<String> all = new LinkedHashSet<>();
        root.path("languages").path(language).path("styles").forEach(groups -> all.addAll(phrasesUnder(groups)));
        return all;
    }

    List<String> empty() {
        List<String> empty = new ArrayList<>();
        root.path("languages").path("en").path("empty").forEach(n -> empty.add(n.asText()));
        return empty;
    }

    private static Set<String> phrasesUnder(JsonNode groups) {
        Set<String> phrases = new LinkedHashSet<>();
        groups.forEach(group -> group.forEach(phrase -> phrases.add(phrase.asText())));
        return phrases;
    }

    /**
     * What is left of appended detail once the given phrases (longest first, ignoring case) and the list
     * punctuation are taken out: empty when the detail is made of those phrases only.
     */
    static String leftover(String detail, Set<String> phrases) {
        String rest = detail.toLowerCase(Locale.ROOT);
        List<String> longestFirst = phrases.stream().map(p -> p.toLowerCase(Locale.ROOT))
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String phrase : longestFirst) {
            rest = rest.replace(phrase, " ");
        }
        return rest.replaceAll("[\\s,.]+", "");
    }
}
