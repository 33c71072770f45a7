package io.brushwork.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageDetectorTest {
    private static final LanguageDetector DETECTOR = new LanguageDetector(MagicPromptVocabulary.load());

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "a cat in a hat|en",
            "cat|en",
            "a café with a red awning|en",
            "un gato con sombrero rojo junto a la ventana|es",
            "un chat avec un chapeau rouge dans la cuisine|fr",
            "eine Katze mit einem roten Hut auf dem Sofa|de",
            "um gato com chapéu vermelho na janela|pt",
            "il gatto con il cappello rosso nella cucina|it",
            "窓辺で赤い帽子をかぶった猫|none",
            "кошка в красной шляпе|none",
            "crème brûlée|none",
            "a sign reading \"un gato con la casa del sol\"|en",
            "un cartel que dice \"OPEN\" sobre la puerta|es"})
    void tellsTheLanguage(String prompt, String language) {
        assertThat(DETECTOR.detect(prompt)).isEqualTo(Optional.ofNullable(language));
    }
}
