package io.brushwork.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromptTextTest {
    private static List<String> words(String text) {
        return PromptText.words(text);
    }

    @Test
    void caseIsFoldedInTheRootLocale() {
        assertThat(words("A RED Barn")).containsExactly("a", "red", "barn");
        assertThat(words("TITLE")).as("no Turkish dotless i").containsExactly("title");
    }

    @Test
    void accentsAreRemoved() {
        assertThat(words("Crème brûlée, Ångström, São Paulo")).containsExactly("creme", "brulee", "angstrom", "sao",
                "paulo");
        assertThat(words("İstanbul")).containsExactly("istanbul");
    }

    @Test
    void compatibilityFormsAndLettersThatDoNotDecomposeArePlainLetters() {
        assertThat(words("ｆｕｌｌｗｉｄｔｈ")).containsExactly("fullwidth");
        assertThat(words("ﬁne 𝐛𝐨𝐥𝐝")).containsExactly("fine", "bold");
        assertThat(words("Straße Æsir œuvre søren łódź")).containsExactly("strasse", "aesir", "oeuvre", "soren",
                "lodz");
    }

    @Test
    void cyrillicAndGreekLookAlikesReadAsLatin() {
        assertThat(words("\u0441\u0430t")).as("Cyrillic es and a").containsExactly("cat");
        assertThat(words("d\u03bfg")).as("Greek omicron").containsExactly("dog");
    }

    @Test
    void invisibleCharactersDoNotSplitWords() {
        assertThat(words("ca\u200Bt ba\u00ADt")).containsExactly("cat", "bat");
    }

    @Test
    void punctuationUnderscoresAndHyphensSeparateWordsAndSpacesCollapse() {
        assertThat(words("  red_barn--at   dusk!!! (oil, on/canvas)\t\n")).containsExactly("red", "barn", "at", "dusk",
                "oil", "on", "canvas");
        assertThat(words("...")).isEmpty();
    }

    @Test
    void digitsAndSymbolsInsideWordsReadAsTheLettersTheyStandFor() {
        assertThat(words("h3ll0 w0rld")).containsExactly("hello", "world");
        assertThat(words("1337 5p34k")).as("a word with no letter stays a number").containsExactly("1337", "speak");
        assertThat(words("@pple $tar c|ty l!ttle wi+h 8ob €ve 4ll 7ea")).containsExactly("apple", "star", "city",
                "little", "with", "bob", "eve", "all", "tea");
    }

    @Test
    void numbersAndPunctuationStayWhatTheyAre() {
        assertThat(words("1990 costs $100!")).containsExactly("1990", "costs", "100");
        assertThat(words("@$$ and $$$")).as("symbols alone read as letters").containsExactly("ass", "and", "sss");
        assertThat(words("wow! |bar| c++")).as("!, | and + only stand for letters inside a word")
                .containsExactly("wow", "bar", "c");
    }

    @Test
    void spacedOutLettersAreJoined() {
        assertThat(words("c a t")).containsExactly("cat");
        assertThat(words("c.a.t and d-o-g and b_1_r_d")).containsExactly("cat", "and", "dog", "and", "bird");
        assertThat(words("a cat")).as("one letter alone is left alone").containsExactly("a", "cat");
        assertThat(words("x ray")).containsExactly("x", "ray");
    }

    @Test
    void aSpacedOutRunAfterAOneLetterWordIsAlsoReadWithoutIt() {
        assertThat(PromptText.variants("draw a c a t now")).containsExactly(
                List.of("draw", "acat", "now"),
                List.of("draw", "a", "cat", "now"));
        assertThat(PromptText.variants("a cat")).containsExactly(List.of("a", "cat"));
    }
}
