package io.brushwork.prompt;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tells which of the vocabulary's languages a prompt is written in, or that it cannot tell. A deliberately small
 * heuristic, tuned to err towards "cannot tell", because then only language-neutral detail is added:
 * <ol>
 *   <li>Quoted spans are ignored (sign text is often in another language than the description); if nothing but
 *       quoted text has letters, the quoted text is used.</li>
 *   <li>If at least 20% of the letters are in a script other than Latin (Han, Hiragana, Cyrillic, Arabic, …), the
 *       language is not one of the vocabulary's: cannot tell.</li>
 *   <li>Otherwise each language scores one point per word that is in its stop-word list. A single best language
 *       wins. If English ties for best, or no word matched, the prompt is taken as English unless it has non-ASCII
 *       Latin letters (é, ñ, ß, …), which English prompts rarely use; then cannot tell. A tie between other
 *       languages: cannot tell.</li>
 * </ol>
 */
final class LanguageDetector {
    private static final int NON_LATIN_PERCENT = 20;

    private final Map<String, Set<String>> stopWords;

    LanguageDetector(MagicPromptVocabulary vocabulary) {
        Map<String, Set<String>> words = new LinkedHashMap<>();
        vocabulary.languages().forEach((code, language) -> {
            Set<String> lower = new HashSet<>();
            language.stopWords().forEach(w -> lower.add(w.toLowerCase(Locale.ROOT)));
            words.put(code, lower);
        });
        this.stopWords = words;
    }

    /** The language code, or empty when the prompt is in none of the vocabulary's languages or it cannot tell. */
    Optional<String> detect(String prompt) {
        String text = QuotedSpans.without(prompt);
        if (text.codePoints().noneMatch(Character::isLetter)) {
            text = prompt;
        }
        int letters = 0;
        int nonLatin = 0;
        boolean nonAsciiLatin = false;
        for (int cp : text.codePoints().toArray()) {
            if (!Character.isLetter(cp)) {
                continue;
            }
            letters++;
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            if (script == Character.UnicodeScript.LATIN) {
                nonAsciiLatin |= cp > 0x7F;
            } else if (script != Character.UnicodeScript.COMMON && script != Character.UnicodeScript.INHERITED) {
                nonLatin++;
            }
        }
        if (letters > 0 && nonLatin * 100 >= letters * NON_LATIN_PERCENT) {
            return Optional.empty();
        }

        Map<String, Integer> scores = new LinkedHashMap<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            stopWords.forEach((code, words) -> {
                if (words.contains(word)) {
                    scores.merge(code, 1, Integer::sum);
                }
            });
        }
        int best = scores.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<String> leaders = new ArrayList<>();
        scores.forEach((code, score) -> {
            if (score == best) {
                leaders.add(code);
            }
        });
        if (leaders.size() == 1) {
            return Optional.of(leaders.get(0));
        }
        if (leaders.isEmpty() || leaders.contains(MagicPromptVocabulary.ENGLISH)) {
            return nonAsciiLatin ? Optional.empty() : Optional.of(MagicPromptVocabulary.ENGLISH);
        }
        return Optional.empty();
    }
}
