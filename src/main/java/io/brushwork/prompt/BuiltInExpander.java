package io.brushwork.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The offline Magic Prompt: keeps the prompt exactly as sent and appends one phrase per group of the style's
 * vocabulary ({@code prompt/magic-prompt.yaml}), e.g. {@code "a cat on a sofa"} with {@code REALISTIC} becomes
 * {@code "a cat on a sofa, golden hour sunlight, 85mm portrait lens with creamy bokeh, …"}. Because the prompt is
 * only ever extended, what it asks for and its quoted sign or logo text are never changed, and the appended
 * phrases contain no quotation marks, so they cannot open or close a quoted span.
 *
 * <p>Language: the prompt's language is guessed by {@link LanguageDetector} (stop words per language from the data
 * file, and the share of non-Latin letters). English prompts get English phrases. A prompt in another language of
 * the data file gets that language's phrases for the style, or its general phrases plus the style's
 * language-neutral ones (numbers, units, acronyms such as {@code 85mm}, {@code f/1.8}, {@code 3D}) when the style
 * has none. A prompt whose language cannot be told, or is not in the file (Japanese, Chinese, Russian, …), gets
 * only language-neutral detail, so no English words are mixed into it. An empty prompt has no language and becomes
 * an English "seamless continuation of the surrounding scene" description, since an empty edit prompt means "fill
 * from the surroundings".
 *
 * <p>Deterministic: the phrases are drawn from a {@link SplittableRandom} seeded from the seed and a hash of the
 * prompt and style, so the same arguments always give the same rewrite and different seeds usually differ.
 */
public final class BuiltInExpander implements PromptExpander {
    private final MagicPromptVocabulary vocabulary;
    private final LanguageDetector languages;

    private BuiltInExpander(MagicPromptVocabulary vocabulary) {
        this.vocabulary = vocabulary;
        this.languages = new LanguageDetector(vocabulary);
    }

    /** Reads the vocabulary from the classpath; fails only if the packaged data file is broken. */
    public static BuiltInExpander load() {
        return new BuiltInExpander(MagicPromptVocabulary.load());
    }

    @Override
    public String expand(String prompt, StyleType style, long seed) {
        String text = prompt == null ? "" : prompt;
        StyleType s = style == null ? StyleType.AUTO : style;
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ hash(text, s));
        MagicPromptVocabulary.Language english = vocabulary.languages().get(MagicPromptVocabulary.ENGLISH);
        if (text.isBlank()) {
            // Whitespace carries nothing worth keeping, so the description starts the rewrite.
            List<String> detail = new ArrayList<>();
            detail.add(pick(english.empty(), random));
            detail.addAll(pickEach(english.styles().get(s), random));
            return String.join(", ", detail);
        }
        return append(text, detail(languages.detect(text), s, random));
    }

    private List<String> detail(Optional<String> language, StyleType style, SplittableRandom random) {
        Map<String, List<String>> neutral = vocabulary.neutral().get(style);
        if (language.isEmpty()) {
            return pickEach(neutral, random);
        }
        MagicPromptVocabulary.Language words = vocabulary.languages().get(language.get());
        Map<String, List<String>> own = words.styles().get(style);
        if (own != null) {
            return pickEach(own, random);
        }
        List<String> detail = new ArrayList<>();
        Map<String, List<String>> general = words.styles().get(StyleType.GENERAL);
        if (general != null) {
            detail.addAll(pickEach(general, random));
        }
        detail.addAll(pickEach(neutral, random));
        return detail;
    }

    private static List<String> pickEach(Map<String, List<String>> groups, SplittableRandom random) {
        List<String> picked = new ArrayList<>(groups.size());
        groups.values().forEach(phrases -> picked.add(pick(phrases, random)));
        return picked;
    }

    private static String pick(List<String> phrases, SplittableRandom random) {
        return phrases.get(random.nextInt(phrases.size()));
    }

    /**
     * The prompt, verbatim, then the detail as a list. After a sentence end the detail starts a new capitalised
     * sentence; after a comma or similar it just follows; otherwise a comma joins them.
     */
    static String append(String prompt, List<String> detail) {
        String list = String.join(", ", detail);
        String trimmed = prompt.stripTrailing();
        int last = trimmed.codePointBefore(trimmed.length());
        String separator;
        if (".!?…。！？".indexOf(last) >= 0) {
            separator = " ";
            int first = list.codePointAt(0);
            list = new StringBuilder().appendCodePoint(Character.toUpperCase(first))
                    .append(list, Character.charCount(first), list.length()).toString();
        } else if (",;:，、；：".indexOf(last) >= 0) {
            separator = " ";
        } else {
            separator = ", ";
        }
        if (trimmed.length() < prompt.length()) {
            separator = separator.stripLeading();
        }
        return prompt + separator + list;
    }

    /** A stable 64-bit hash (String.hashCode has only 32 bits to spread across seeds). */
    private static long hash(String prompt, StyleType style) {
        long h = 1125899906842597L;
        for (int i = 0; i < prompt.length(); i++) {
            h = 31 * h + prompt.charAt(i);
        }
        for (int i = 0; i < style.name().length(); i++) {
            h = 31 * h + style.name().charAt(i);
        }
        return h;
    }
}
