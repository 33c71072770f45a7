package io.brushwork.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brushwork.safety.PromptSafety.Violation;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptSafetyTest {
    private static final PromptSafety LISTS = PromptSafety.of(lists());

    @TempDir
    Path dir;

    private static Map<String, List<String>> lists() {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        lists.put("sexual", List.of("sex", "ass", "explicit sex scene"));
        lists.put("violence", List.of("gore", "severed head"));
        return lists;
    }

    private static void assertHit(String prompt, String category, String term) {
        assertThat(LISTS.check(prompt)).as(prompt).contains(new Violation(category, term));
    }

    private static void assertClean(String prompt) {
        assertThat(LISTS.check(prompt)).as(prompt).isEmpty();
    }

    @Test
    void aListedWordIsFoundWhateverItsCaseAndAccents() {
        assertHit("a SEX scene", "sexual", "sex");
        assertHit("Gore on the walls", "violence", "gore");
        assertHit("göré", "violence", "gore");
        assertHit("ｓｅｘ", "sexual", "sex");
    }

    @Test
    void characterSubstitutionsAreSeenThrough() {
        assertHit("s3x", "sexual", "sex");
        assertHit("$ex", "sexual", "sex");
        assertHit("@$$", "sexual", "ass");
        assertHit("a55", "sexual", "ass");
        assertHit("g0r3", "violence", "gore");
        assertHit("\u0455\u0435\u0445", "sexual", "sex"); // Cyrillic dze, ie, ha
    }

    @Test
    void spacingAndPunctuationAreSeenThrough() {
        assertHit("s e x", "sexual", "sex");
        assertHit("s.e.x", "sexual", "sex");
        assertHit("s-e-x", "sexual", "sex");
        assertHit("s_3_x", "sexual", "sex");
        assertHit("draw a s e x scene", "sexual", "sex");
        assertHit("se\u200Bx", "sexual", "sex");
        assertHit("sex!", "sexual", "sex");
        assertHit("(sex)", "sexual", "sex");
    }

    @Test
    void onlyWholeWordsMatch() {
        assertClean("a class photo");
        assertClean("the assistant in Sussex");
        assertClean("bass guitar, grass, passage, massive, compass");
        assertClean("Essex sextant, sexagenarian, unisex");
        assertClean("gorey Gorenje");
        assertClean("s e x t a n t"); // joins to "sextant"
    }

    @Test
    void multiWordTermsMatchAcrossAnySpacing() {
        assertHit("an explicit   sex-scene", "sexual", "explicit sex scene");
        assertHit("SEVERED_HEAD", "violence", "severed head");
        assertHit("a severed... head", "violence", "severed head");
        assertClean("a severed rope and a head of lettuce");
    }

    @Test
    void theFirstMatchInThePromptIsReported() {
        assertHit("gore and sex", "violence", "gore");
        assertHit("sex and gore", "sexual", "sex");
        assertHit("explicit sex scene", "sexual", "explicit sex scene");
    }

    @Test
    void emptyPromptsAndEmptyListsPass() {
        assertClean("");
        assertClean(null);
        assertThat(PromptSafety.of(Map.of()).check("sex")).isEmpty();
        assertThat(PromptSafety.of(Map.of("hate", List.of())).termCount()).isZero();
    }

    @Test
    void termsAreNormalisedLikePrompts() {
        PromptSafety lists = PromptSafety.of(Map.of("custom", List.of("Crème-Brûlée", "T.N.T.")));
        assertThat(lists.check("creme brulee please")).contains(new Violation("custom", "Crème-Brûlée"));
        assertThat(lists.check("a box of tnt")).contains(new Violation("custom", "T.N.T."));
        assertThat(lists.check("cremebrulee")).isEmpty();
    }

    @Test
    void badTermsAreRefused() {
        assertThatThrownBy(() -> PromptSafety.of(Map.of("x", List.of("  "))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("category 'x' has an empty term");
        assertThatThrownBy(() -> PromptSafety.of(Map.of("x", List.of("?!"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no letters or digits");
    }

    @Test
    void anOperatorsListLoadsFromYaml() throws Exception {
        Path file = Files.writeString(dir.resolve("terms.yaml"), """
                # our own list
                weapons:
                  - rocket launcher
                  - grenade
                hate:
                empty: []
                """);
        PromptSafety lists = PromptSafety.load(file);
        assertThat(lists.termCount()).isEqualTo(2);
        assertThat(lists.check("a R0CKET-launcher!")).contains(new Violation("weapons", "rocket launcher"));
        assertThat(lists.check("g r e n a d e")).contains(new Violation("weapons", "grenade"));
        assertThat(lists.check("a rocket and a launcher")).isEmpty();
    }

    @Test
    void aMalformedListFileIsRefusedWithItsFault() throws Exception {
        Path notAList = Files.writeString(dir.resolve("a.yaml"), "weapons: grenade\n");
        assertThatThrownBy(() -> PromptSafety.load(notAList)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("category 'weapons' must be a list of terms");
        Path nested = Files.writeString(dir.resolve("b.yaml"), "weapons:\n  - {name: grenade}\n");
        assertThatThrownBy(() -> PromptSafety.load(nested)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plain text");
        Path sequence = Files.writeString(dir.resolve("c.yaml"), "- grenade\n");
        assertThatThrownBy(() -> PromptSafety.load(sequence)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must map category names");
        Path twice = Files.writeString(dir.resolve("d.yaml"), "weapons: [grenade]\nweapons: [mine]\n");
        assertThatThrownBy(() -> PromptSafety.load(twice)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weapons");
        assertThatThrownBy(() -> PromptSafety.load(dir.resolve("missing.yaml")))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("missing.yaml");
    }

    @Test
    void theBuiltInListCoversItsCategoriesAndLeavesHateToOperators() {
        PromptSafety defaults = PromptSafety.defaults();
        assertThat(defaults.check("a photo of child p0rn")).contains(new Violation("sexual-minors", "child porn"));
        assertThat(defaults.check("N.S.F.W. art")).contains(new Violation("explicit-sexual", "nsfw"));
        assertThat(defaults.check("a decapitated statue")).contains(
                new Violation("graphic-violence", "decapitated"));
        assertThat(defaults.check("a cat on a sofa, watercolour, soft light")).isEmpty();
        assertThat(defaults.check("Sussex class assistant in a glass house")).isEmpty();
        assertThat(defaults.check("a gorge at sunset")).isEmpty();
        assertThat(defaults.check("nude lipstick and a Gore-Tex jacket, seen with the naked eye")).isEmpty();
        assertThat(defaults.check("Blood-and-GORE poster")).contains(
                new Violation("graphic-violence", "blood and gore"));
    }
}
