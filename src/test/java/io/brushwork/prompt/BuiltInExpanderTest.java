package io.brushwork.prompt;

import static io.brushwork.prompt.VocabularyFile.leftover;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BuiltInExpanderTest {
    private static final BuiltInExpander EXPANDER = BuiltInExpander.load();
    private static final VocabularyFile VOCABULARY = VocabularyFile.read();

    private static String detail(String prompt, StyleType style, long seed) {
        String out = EXPANDER.expand(prompt, style, seed);
        assertThat(out).startsWith(prompt).hasSizeGreaterThan(prompt.length());
        return out.substring(prompt.length());
    }

    @Test
    void sameSeedGivesTheSameRewrite() {
        for (StyleType style : StyleType.values()) {
            assertThat(EXPANDER.expand("a lighthouse on a cliff", style, 42))
                    .isEqualTo(EXPANDER.expand("a lighthouse on a cliff", style, 42))
                    .isEqualTo(BuiltInExpander.load().expand("a lighthouse on a cliff", style, 42));
        }
    }

    @Test
    void differentSeedsGiveDifferentRewrites() {
        Set<String> rewrites = new HashSet<>();
        LongStream.range(0, 20).forEach(seed -> rewrites.add(EXPANDER.expand("a dog", StyleType.REALISTIC, seed)));
        assertThat(rewrites).hasSizeGreaterThanOrEqualTo(10);
    }

    @ParameterizedTest
    @EnumSource(StyleType.class)
    void englishDetailComesFromTheStylesVocabulary(StyleType style) {
        for (long seed = 0; seed < 5; seed++) {
            String detail = detail("a cat asleep on a sofa", style, seed);
            assertThat(leftover(detail, VOCABULARY.phrases("en", style))).as(detail).isEmpty();
        }
    }

    @Test
    void realisticAndAnimeGetTheirOwnDetail() {
        Set<String> realistic = VOCABULARY.phrases("en", StyleType.REALISTIC);
        Set<String> anime = VOCABULARY.phrases("en", StyleType.ANIME);
        Set<String> animeOnly = new LinkedHashSet<>(anime);
        animeOnly.removeAll(realistic);
        Set<String> realisticOnly = new LinkedHashSet<>(realistic);
        realisticOnly.removeAll(anime);
        for (long seed = 0; seed < 5; seed++) {
            String photo = detail("a girl with an umbrella", StyleType.REALISTIC, seed);
            String drawing = detail("a girl with an umbrella", StyleType.ANIME, seed);
            assertThat(realistic).anyMatch(photo::contains);
            assertThat(animeOnly).noneMatch(photo::contains);
            assertThat(anime).anyMatch(drawing::contains);
            assertThat(realisticOnly).noneMatch(drawing::contains);
        }
    }

    @Test
    void quotedTextIsKeptExactly() {
        List<String> prompts = List.of(
                "a bakery sign that says \"Fresh Bread\"",
                "a neon sign reading “Café Luna” over the door",
                "a label with ‘Joe’s Jam’ on it",
                "a banner saying 'GRAND OPENING' in red",
                "看板に「ようこそ」と書かれている",
                "ein Schild mit „Frische Brötchen“ darauf",
                "\"SALE\"");
        for (String prompt : prompts) {
            for (StyleType style : StyleType.values()) {
                String out = EXPANDER.expand(prompt, style, 7);
                assertThat(out).startsWith(prompt);
                assertThat(QuotedSpans.in(out)).isEqualTo(QuotedSpans.in(prompt)).isNotEmpty();
            }
        }
    }

    @Test
    void detailJoinsThePromptLikeASentence() {
        assertThat(EXPANDER.expand("a red barn", StyleType.GENERAL, 1)).startsWith("a red barn, ");
        String afterFullStop = EXPANDER.expand("A red barn.", StyleType.GENERAL, 1);
        assertThat(afterFullStop).startsWith("A red barn. ");
        assertThat(Character.isUpperCase(afterFullStop.charAt("A red barn. ".length()))).isTrue();
        assertThat(EXPANDER.expand("a red barn,", StyleType.GENERAL, 1)).startsWith("a red barn, ")
                .doesNotContain(",,");
        assertThat(EXPANDER.expand("a red barn ", StyleType.GENERAL, 1)).startsWith("a red barn , ")
                .doesNotStartWith("a red barn  ");
    }

    @Test
    void spanishPromptGetsSpanishDetailOnly() {
        String prompt = "un gato con sombrero rojo junto a la ventana";
        Set<String> english = VOCABULARY.allPhrases("en");
        for (long seed = 0; seed < 5; seed++) {
            String realistic = detail(prompt, StyleType.REALISTIC, seed);
            assertThat(leftover(realistic, VOCABULARY.phrases("es", StyleType.REALISTIC))).as(realistic).isEmpty();
            assertThat(english).noneMatch(realistic::contains);

            // The file has no Spanish FICTION phrases: Spanish general ones plus the language-neutral ones.
            assertThat(VOCABULARY.phrases("es", StyleType.FICTION)).isEmpty();
            String fiction = detail(prompt, StyleType.FICTION, seed);
            Set<String> allowed = new LinkedHashSet<>(VOCABULARY.phrases("es", StyleType.GENERAL));
            allowed.addAll(VOCABULARY.neutral(StyleType.FICTION));
            assertThat(leftover(fiction, allowed)).as(fiction).isEmpty();
            assertThat(english).noneMatch(fiction::contains);
        }
    }

    @Test
    void japanesePromptGetsLanguageNeutralDetailOnly() {
        String prompt = "窓辺で赤い帽子をかぶった猫";
        for (StyleType style : StyleType.values()) {
            for (long seed = 0; seed < 3; seed++) {
                String detail = detail(prompt, style, seed);
                assertThat(leftover(detail, VOCABULARY.neutral(style))).as(detail).isEmpty();
                assertThat(VOCABULARY.allPhrases("en")).noneMatch(detail::contains);
            }
        }
    }

    @Test
    void emptyPromptDescribesTheSurroundings() {
        for (String prompt : new String[] {"", "   ", null}) {
            String out = EXPANDER.expand(prompt, StyleType.REALISTIC, 3);
            assertThat(out).startsWith("seamless continuation of the surrounding scene");
            assertThat(VOCABULARY.empty()).anyMatch(out::startsWith);
            assertThat(out).isEqualTo(EXPANDER.expand(prompt, StyleType.REALISTIC, 3));
        }
    }

    @Test
    void oddInputDoesNotThrow() {
        for (String prompt : new String[] {"\"", "'", "“", "🐱", "...", "42", "a".repeat(10_000), "\n\t x \n"}) {
            for (StyleType style : new StyleType[] {null, StyleType.DESIGN}) {
                assertThat(EXPANDER.expand(prompt, style, Long.MIN_VALUE)).startsWith(prompt);
            }
        }
    }
}
