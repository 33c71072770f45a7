package io.brushwork.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MagicPromptTest {
    private static final String LONG = "an old wooden rowing boat tied to a mossy stone jetty on a misty lake at dawn,"
            + " with pine trees on the far shore";

    private final AtomicInteger calls = new AtomicInteger();
    private final MagicPrompt magic = new MagicPrompt((prompt, style, seed) -> {
        calls.incrementAndGet();
        return prompt + " [" + style + " " + seed + "]";
    });

    @Test
    void offKeepsThePromptAsSent() {
        assertThat(magic.apply("a cat", MagicPromptOption.OFF, StyleType.REALISTIC, 1)).isEqualTo("a cat");
        assertThat(magic.apply("", MagicPromptOption.OFF, StyleType.REALISTIC, 1)).isEmpty();
        assertThat(magic.wouldRewrite("a cat", MagicPromptOption.OFF)).isFalse();
        assertThat(calls).hasValue(0);
    }

    @Test
    void onAlwaysRewrites() {
        assertThat(magic.apply(LONG, MagicPromptOption.ON, StyleType.ANIME, 7)).isEqualTo(LONG + " [ANIME 7]");
        assertThat(magic.apply("a cat", MagicPromptOption.ON, null, 8)).isEqualTo("a cat [AUTO 8]");
        assertThat(magic.wouldRewrite(LONG, MagicPromptOption.ON)).isTrue();
    }

    @Test
    void autoRewritesShortOrEmptyPrompts() {
        for (String prompt : new String[] {"", "a cat", "a red vintage car parked in front of a bakery",
                                           "窓辺で赤い帽子をかぶった猫", null}) {
            assertThat(magic.wouldRewrite(prompt, MagicPromptOption.AUTO)).as(prompt).isTrue();
            assertThat(magic.wouldRewrite(prompt, null)).as("missing option is AUTO").isTrue();
        }
        assertThat(magic.apply("a cat", MagicPromptOption.AUTO, StyleType.GENERAL, 3)).isEqualTo("a cat [GENERAL 3]");
    }

    @Test
    void autoKeepsLongSpecificPrompts() {
        assertThat(magic.wouldRewrite(LONG, MagicPromptOption.AUTO)).isFalse();
        assertThat(magic.apply(LONG, MagicPromptOption.AUTO, StyleType.REALISTIC, 1)).isEqualTo(LONG);
        assertThat(calls).hasValue(0);
    }

    @Test
    void autoDoesNotCountQuotedText() {
        String sign = "a shop sign reading \"Open every day from nine in the morning until late at night\"";
        assertThat(MagicPrompt.words(QuotedSpans.without(sign))).isEqualTo(4);
        assertThat(magic.wouldRewrite(sign, MagicPromptOption.AUTO)).isTrue();
    }

    @Test
    void countsWordsInScriptsWithoutSpaces() {
        assertThat(MagicPrompt.words("a cat, asleep!")).isEqualTo(3);
        assertThat(MagicPrompt.words("窓辺の猫")).isEqualTo(2);
        assertThat(MagicPrompt.words("  ")).isZero();
        String longJapanese = "朝霧の湖に浮かぶ古い木製の手漕ぎボートが苔むした石の桟橋に繋がれていて対岸には松林が見える";
        assertThat(new MagicPrompt(BuiltInExpander.load()).apply(longJapanese, MagicPromptOption.AUTO,
                StyleType.REALISTIC, 1)).isEqualTo(longJapanese);
    }

    @Test
    void anExpanderThatThrowsLeavesThePromptAsSent() {
        MagicPrompt broken = new MagicPrompt((prompt, style, seed) -> {
            throw new IllegalStateException("boom");
        });
        assertThat(broken.apply("a cat", MagicPromptOption.ON, StyleType.GENERAL, 1)).isEqualTo("a cat");
    }
}
