package io.brushwork.safety;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks prompts against lists of prohibited terms, grouped by category. A term matches when its words appear as
 * whole consecutive words of the prompt after both are normalised by {@link PromptText} (case, accents, spacing,
 * look-alike letters and common character substitutions): "ass" matches "@$$" but not "class" or "assistant",
 * and "sex" matches "S E X" but not "Sussex". Instances are immutable and safe to share between threads.
 */
public final class PromptSafety {
    /** The list that ships with Brushwork; see the file's header for what it covers. */
    static final String DEFAULT_TERMS = "/safety/prompt-terms.yaml";

    /** A prompt's first match: the category and the term as it was written in the list. */
    public record Violation(String category, String term) {
        public Violation {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(term, "term");
        }
    }

    private record Term(String category, String original, String[] words) {
        boolean matchesAt(List<String> prompt, int start) {
            if (start + words.length > prompt.size()) {
                return false;
            }
            for (int k = 0; k < words.length; k++) {
                if (!words[k].equals(prompt.get(start + k))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Terms by their first normalised word, so a check costs one lookup per prompt word. */
    private final Map<String, List<Term>> termsByFirstWord;
    private final int termCount;

    private PromptSafety(Map<String, List<Term>> termsByFirstWord, int termCount) {
        this.termsByFirstWord = termsByFirstWord;
        this.termCount = termCount;
    }

    /**
     * A checker for the given lists; categories are tried in the map's iteration order when two terms match at
     * the same place. Terms are normalised here, once.
     *
     * @throws IllegalArgumentException if a category or term is null or blank, or a term has no letters or digits
     */
    public static PromptSafety of(Map<String, List<String>> termsByCategory) {
        Objects.requireNonNull(termsByCategory, "termsByCategory");
        Map<String, List<Term>> index = new HashMap<>();
        int count = 0;
        for (Map.Entry<String, List<String>> entry : termsByCategory.entrySet()) {
            String category = entry.getKey();
            if (category == null || category.isBlank()) {
                throw new IllegalArgumentException("a term category has no name");
            }
            List<String> terms = entry.getValue() == null ? List.of() : entry.getValue();
            for (String term : terms) {
                if (term == null || term.isBlank()) {
                    throw new IllegalArgumentException("category '" + category + "' has an empty term");
                }
                List<String> words = PromptText.words(term);
                if (words.isEmpty()) {
                    throw new IllegalArgumentException(
                            "term '" + term + "' in category '" + category + "' has no letters or digits");
                }
                index.computeIfAbsent(words.get(0), w -> new ArrayList<>())
                        .add(new Term(category, term, words.toArray(String[]::new)));
                count++;
            }
        }
        index.replaceAll((word, list) -> List.copyOf(list));
        return new PromptSafety(Map.copyOf(index), count);
    }

    /** The list that ships with Brushwork ({@code src/main/resources/safety/prompt-terms.yaml}). */
    public static PromptSafety defaults() {
        try (InputStream in = PromptSafety.class.getResourceAsStream(DEFAULT_TERMS)) {
            if (in == null) {
                throw new IllegalStateException("the built-in term list " + DEFAULT_TERMS + " is missing");
            }
            return of(TermsFile.read(in, "the built-in term list"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in term list", e);
        }
    }

    /**
     * An operator's list: a YAML mapping of category name to a list of terms (same shape as the built-in file).
     *
     * @throws IllegalArgumentException if the file is not such a mapping
     * @throws UncheckedIOException     if the file cannot be read
     */
    public static PromptSafety load(Path yamlFile) {
        try (InputStream in = Files.newInputStream(yamlFile)) {
            return of(TermsFile.read(in, yamlFile.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the term list " + yamlFile + ": " + e.getMessage(), e);
        }
    }

    /** The first listed term the prompt contains, in prompt order, or empty if it contains none. */
    public Optional<Violation> check(String prompt) {
        if (prompt == null || prompt.isEmpty() || termCount == 0) {
            return Optional.empty();
        }
        for (List<String> words : PromptText.variants(prompt)) {
            for (int i = 0; i < words.size(); i++) {
                List<Term> candidates = termsByFirstWord.get(words.get(i));
                if (candidates == null) {
                    continue;
                }
                for (Term term : candidates) {
                    if (term.matchesAt(words, i)) {
                        return Optional.of(new Violation(term.category(), term.original()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** How many terms the lists hold, for the startup log. */
    public int termCount() {
        return termCount;
    }
}
