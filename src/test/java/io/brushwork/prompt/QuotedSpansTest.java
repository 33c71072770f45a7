package io.brushwork.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotedSpansTest {
    @Test
    void findsEveryKindOfQuote() {
        assertThat(QuotedSpans.in("a sign \"OPEN\", a mug “Café Luna” and ‘Hi there’ with 'SALE' and 「ようこそ」"))
                .containsExactly("OPEN", "Café Luna", "Hi there", "SALE", "ようこそ");
        assertThat(QuotedSpans.in("„Frische Brötchen“ und «Bonjour»")).containsExactly("Frische Brötchen", "Bonjour");
    }

    @Test
    void apostrophesAreNotQuotes() {
        assertThat(QuotedSpans.in("Joe's diner and l'arbre du Rock'n'roll")).isEmpty();
        assertThat(QuotedSpans.in("a sign 'Joe's Diner' on the wall")).containsExactly("Joe's Diner");
        assertThat(QuotedSpans.in("the dog’s bowl with ‘Rex’ on it")).containsExactly("Rex");
        assertThat(QuotedSpans.in("a 12\" pizza")).isEmpty();
    }

    @Test
    void withoutLeavesTheDescription() {
        assertThat(QuotedSpans.without("a sign \"OPEN 24 HOURS\" above the door").split("\\s+"))
                .containsExactly("a", "sign", "above", "the", "door");
    }
}
