package io.brushwork.prompt;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The phrases of the built-in expander, read from {@code prompt/magic-prompt.yaml} on the classpath (the file
 * documents its own layout). Kept in data so wording can be improved or a language added without touching code.
 *
 * @param languages by language code; {@code en} is required and covers every style
 * @param neutral   per style, groups of phrases that read the same in any language (numbers, units, acronyms)
 */
record MagicPromptVocabulary(Map<String, Language> languages, Map<StyleType, Map<String, List<String>>> neutral) {
    static final String RESOURCE = "prompt/magic-prompt.yaml";
    static final String ENGLISH = "en";

    /** Characters a phrase may not contain, so appended detail can never open or close a quoted span. */
    private static final String QUOTE_CHARS = "\"'“”„‘’«»「」『』";

    /**
     * @param stopWords frequent function words that identify the language
     * @param empty     descriptions for an empty prompt
     * @param styles    phrase groups per style; group order is the order phrases are appended
     */
    record Language(@JsonProperty("stop-words") List<String> stopWords, List<String> empty,
                    Map<StyleType, Map<String, List<String>>> styles) {
        Language {
            stopWords = stopWords == null ? List.of() : stopWords;
            empty = empty == null ? List.of() : empty;
            styles = styles == null ? Map.of() : styles;
        }
    }

    static MagicPromptVocabulary load() {
        try (InputStream in = MagicPromptVocabulary.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            MagicPromptVocabulary vocabulary = new ObjectMapper(new YAMLFactory()).readValue(in,
                    MagicPromptVocabulary.class);
            vocabulary.check();
            return vocabulary;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** A broken data file is a packaging bug: fail at startup rather than with an odd rewrite later. */
    private void check() {
        Language english = Objects.requireNonNull(languages, RESOURCE + ": no languages").get(ENGLISH);
        if (english == null || english.empty().isEmpty()) {
            throw new IllegalStateException(RESOURCE + ": 'en' needs stop-words, empty and styles");
        }
        for (StyleType style : StyleType.values()) {
            if (!english.styles().containsKey(style) || !Objects.requireNonNull(neutral).containsKey(style)) {
                throw new IllegalStateException(RESOURCE + ": style " + style + " is missing under en or neutral");
            }
        }
        languages.forEach((code, language) -> {
            checkPhrases(code + ".empty", language.empty());
            language.styles().forEach((style, groups) -> checkGroups(code + "." + style, groups));
        });
        neutral.forEach((style, groups) -> checkGroups("neutral." + style, groups));
    }

    private static void checkGroups(String where, Map<String, List<String>> groups) {
        if (groups == null || groups.isEmpty()) {
            throw new IllegalStateException(RESOURCE + ": " + where + " has no groups");
        }
        groups.forEach((name, phrases) -> checkPhrases(where + "." + name, phrases));
    }

    private static void checkPhrases(String where, List<String> phrases) {
        if (phrases == null) {
            throw new IllegalStateException(RESOURCE + ": " + where + " is empty");
        }
        for (String phrase : phrases) {
            if (phrase == null || phrase.isBlank() || phrase.chars().anyMatch(c -> QUOTE_CHARS.indexOf(c) >= 0)) {
                throw new IllegalStateException(RESOURCE + ": " + where + " has a blank or quoted phrase: " + phrase);
            }
        }
        if (phrases.isEmpty() && !where.endsWith(".empty")) {
            throw new IllegalStateException(RESOURCE + ": " + where + " is empty");
        }
    }
}
