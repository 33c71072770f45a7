package io.brushwork.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brushwork.Brushwork;
import io.brushwork.config.ConfigException;
import io.brushwork.config.ModelRoute;
import io.brushwork.engine.Operation;
import io.brushwork.engine.router.Routes;
import io.brushwork.prompt.MagicPromptOption;
import io.brushwork.prompt.StyleType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The edit form's validation, without a server: what each field accepts, and what each refusal says. */
class EditRequestReaderTest {
    private static final byte[] IMAGE = {1, 2, 3};
    private static final byte[] MASK = {4, 5, 6};

    private final Routes routes = new Routes(Clock.systemUTC(), 2);
    private final ModelCatalog models = ModelCatalog.of(Map.of(
            "V_2", new ModelRoute("patchmatch", "quality"),
            "V_2_TURBO", new ModelRoute("patchmatch", "fast"),
            "scratch_fix", new ModelRoute("telea", "fast")), Brushwork.builtInBackends(), routes);
    private final EditRequestReader reader = new EditRequestReader(models, Map.of(
            "FLASH", "V_2_TURBO", "TURBO", "V_2_TURBO", "BALANCED", "V_2", "DEFAULT", "V_2", "QUALITY", "V_2"));

    @AfterEach
    void close() {
        routes.close();
    }

    /** A multipart form with the image, the mask and the given text fields, as parts of bytes. */
    private static EditForm form(String... texts) {
        return formWith("image_file", texts);
    }

    /** The same with the photo under V3's field name, {@code image}. */
    private static EditForm v3(String... texts) {
        return formWith("image", texts);
    }

    private static EditForm formWith(String imageField, String... texts) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put(imageField, IMAGE);
        parts.put("mask", MASK);
        for (int i = 0; i < texts.length; i += 2) {
            parts.put(texts[i], texts[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return EditForm.ofParts(parts);
    }

    @Test
    void readsEveryLegacyFieldAndResolvesTheModel() {
        EditRequest request = reader.read(form("prompt", "  a red door ", "model", "scratch_fix",
                "magic_prompt_option", "off", "style_type", "realistic", "seed", "42", "num_images", "3"));
        assertThat(request.image()).isEqualTo(IMAGE);
        assertThat(request.mask()).isEqualTo(MASK);
        assertThat(request.prompt()).as("the prompt is kept as sent").isEqualTo("  a red door ");
        assertThat(request.model()).isSameAs(models.find("SCRATCH_FIX").orElseThrow());
        assertThat(request.magicPrompt()).isEqualTo(MagicPromptOption.OFF);
        assertThat(request.styleType()).hasValue(StyleType.REALISTIC);
        assertThat(request.seed()).isEqualTo(OptionalInt.of(42));
        assertThat(request.numImages()).isEqualTo(3);
    }

    @Test
    void fieldsNotSentOrSentEmptyTakeTheDefaults() {
        EditRequest request = reader.read(form("model", " ", "seed", "", "num_images", "", "style_type", ""));
        assertThat(request.prompt()).isEmpty();
        assertThat(request.model().name()).isEqualTo("V_2");
        assertThat(request.magicPrompt()).isEqualTo(MagicPromptOption.AUTO);
        assertThat(request.styleType()).isEmpty();
        assertThat(request.seed()).isEmpty();
        assertThat(request.numImages()).isEqualTo(1);
    }

    @Test
    void eachBadFieldIsNamedWithWhatItAccepts() {
        assertThatThrownBy(() -> reader.read(EditForm.ofParts(Map.of("mask", MASK))))
                .isInstanceOf(InvalidEditException.class)
                .hasMessage("image_file is required: send the photo to edit as a multipart file field named"
                        + " 'image_file'");
        assertThatThrownBy(() -> reader.read(EditForm.ofParts(Map.of("image_file", new byte[0], "mask", MASK))))
                .hasMessage("image_file is an empty file; send a JPEG, PNG or WebP image");
        assertThatThrownBy(() -> reader.read(form("model", "V_9")))
                .hasMessage("model must be one of SCRATCH_FIX, V_2, V_2_TURBO; got 'V_9'");
        assertThatThrownBy(() -> reader.read(form("seed", "-1")))
                .hasMessage("seed must be a whole number from 0 to 2147483647; got '-1'");
        assertThatThrownBy(() -> reader.read(form("seed", "2147483648")))
                .hasMessageContaining("seed must be a whole number");
        assertThatThrownBy(() -> reader.read(form("num_images", "9")))
                .hasMessage("num_images must be a whole number from 1 to 8; got '9'");
        assertThatThrownBy(() -> reader.read(form("magic_prompt_option", "maybe")))
                .hasMessage("magic_prompt_option must be one of AUTO, ON, OFF; got 'maybe'");
        assertThatThrownBy(() -> reader.read(form("style_type", "x".repeat(500))))
                .hasMessageContaining("… (500 chars)");
        assertThatThrownBy(() -> reader.read(form("prompt", "猫".repeat(10_001))))
                .hasMessage("prompt is 10001 characters; the limit is 10000, so shorten it");
        assertThat(reader.read(form("prompt", "😺".repeat(10_000))).prompt()).as("characters, not UTF-16 units")
                .hasSize(20_000);
    }

    @Test
    void v3MapsTheRenderingSpeedToAModelAndDefaultsToGeneral() {
        EditRequest request = reader.readV3(v3("rendering_speed", "turbo", "magic_prompt", "ON"));
        assertThat(request.model().name()).isEqualTo("V_2_TURBO");
        assertThat(request.styleType()).hasValue(StyleType.GENERAL);
        assertThat(request.magicPrompt()).isEqualTo(MagicPromptOption.ON);
        assertThat(reader.readV3(v3()).model().name()).isEqualTo("V_2");

        assertThatThrownBy(() -> reader.readV3(v3("rendering_speed", "warp")))
                .hasMessage("rendering_speed must be one of FLASH, TURBO, BALANCED, DEFAULT, QUALITY; got 'warp'");
        assertThatThrownBy(() -> reader.readV3(v3("style_type", "custom")))
                .hasMessageContaining("CUSTOM needs style codes");
        assertThatThrownBy(() -> reader.readV3(v3("style_type", "ANIME")))
                .hasMessageStartingWith("style_type must be one of AUTO, GENERAL, REALISTIC, DESIGN, FICTION,");
        assertThatThrownBy(() -> reader.readV3(form())).as("V3 names the photo 'image'")
                .hasMessageStartingWith("image is required");
    }

    @Test
    void theCommandLinesFilesAndTextsReadLikeAForm() {
        EditRequest request = reader.read(EditForm.of(Map.of("image_file", IMAGE, "mask", MASK),
                Map.of("prompt", "a cat", "seed", "7", "model", "v_2_turbo")));
        assertThat(request.prompt()).isEqualTo("a cat");
        assertThat(request.seed()).isEqualTo(OptionalInt.of(7));
        assertThat(request.model().name()).isEqualTo("V_2_TURBO");
    }

    @Test
    void aRenderingSpeedMustNameAConfiguredModel() {
        assertThatThrownBy(() -> new EditRequestReader(models, Map.of("TURBO", "V_3")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("rendering speed TURBO maps to model V_3, which is not configured; models: SCRATCH_FIX,"
                        + " V_2, V_2_TURBO");
    }

    @Test
    void upscaleReadsItsImageRequestJson() {
        EditRequest request = reader.readUpscale(form("image_request", "{\"prompt\": \"sharper\", \"resemblance\": 80,"
                + " \"detail\": 20, \"magic_prompt_option\": \"OFF\", \"num_images\": 2, \"seed\": 9}"));
        assertThat(request.operation()).isEqualTo(Operation.UPSCALE);
        assertThat(request.prompt()).isEqualTo("sharper");
        assertThat(request.options().resemblance()).isEqualTo(80);
        assertThat(request.options().detail()).isEqualTo(20);
        assertThat(request.magicPrompt()).isEqualTo(MagicPromptOption.OFF);
        assertThat(request.numImages()).isEqualTo(2);
        assertThat(request.seed()).isEqualTo(OptionalInt.of(9));
        assertThat(request.model().name()).as("upscale names no model: the default's route").isEqualTo("V_2");

        EditRequest defaults = reader.readUpscale(form());
        assertThat(defaults.options().resemblance()).isEqualTo(50);
        assertThat(defaults.options().detail()).isEqualTo(50);
        assertThatThrownBy(() -> reader.readUpscale(form("image_request", "{\"resemblance\": 0}")))
                .hasMessage("image_request.resemblance must be a whole number from 1 to 100; got '0'");
        assertThatThrownBy(() -> reader.readUpscale(form("image_request", "[1, 2]")))
                .hasMessageStartingWith("image_request must be a JSON object");
        assertThatThrownBy(() -> reader.readUpscale(form("image_request", "{\"prompt\": ")))
                .hasMessageStartingWith("image_request is not valid JSON");
    }

    @Test
    void generateTakesAResolutionOrAnAspectRatio() {
        EditRequest legacy = reader.readGenerate(EditForm.ofJson("{\"image_request\": {\"prompt\": \"a fox\","
                + " \"aspect_ratio\": \"ASPECT_16_9\", \"model\": \"v_2_turbo\", \"negative_prompt\": \"fog\"}}",
                "body", "{}"));
        assertThat(legacy.operation()).isEqualTo(Operation.GENERATE);
        assertThat(legacy.image()).isNull();
        assertThat(legacy.model().name()).isEqualTo("V_2_TURBO");
        assertThat(legacy.options().size()).hasValue(new Resolutions.Size(1312, 736));
        assertThat(legacy.options().negativePrompt()).isEqualTo("fog");
        EditRequest sized = reader.readGenerateV3(EditForm.ofJson("{\"prompt\": \"a fox\", \"resolution\":"
                + " \"1024x1024\", \"rendering_speed\": \"TURBO\", \"num_images\": 3}", "body", "{}"));
        assertThat(sized.options().size()).hasValue(new Resolutions.Size(1024, 1024));
        assertThat(sized.model().name()).isEqualTo("V_2_TURBO");
        assertThat(sized.numImages()).isEqualTo(3);
        assertThat(sized.styleType()).hasValue(StyleType.GENERAL);
        assertThatThrownBy(() -> reader.readGenerateV3(EditForm.ofJson("{\"prompt\": \"x\", \"aspect_ratio\":"
                + " \"7x5\"}", "body", "{}"))).hasMessageStartingWith("aspect_ratio must be one of 1x3, 3x1");
        assertThatThrownBy(() -> reader.readGenerate(EditForm.ofJson("{}", "body", "{}")))
                .hasMessageStartingWith("image_request is required");
    }

    @Test
    void remixAndReplaceBackgroundNeedTheirPhotoAndPrompt() {
        EditRequest remix = reader.readRemixV3(v3("prompt", "as a watercolour", "image_weight", "70"));
        assertThat(remix.operation()).isEqualTo(Operation.REMIX);
        assertThat(remix.image()).isEqualTo(IMAGE);
        assertThat(remix.options().imageWeight()).isEqualTo(70);
        EditRequest legacy = reader.readRemix(form("image_request", "{\"prompt\": \"x\", \"image_weight\": 5}"));
        assertThat(legacy.options().imageWeight()).isEqualTo(5);
        assertThatThrownBy(() -> reader.readReplaceBackgroundV3(v3()))
                .hasMessage("prompt is required: say what the image should show");
        assertThatThrownBy(() -> reader.readRemixV3(EditForm.ofParts(Map.of("prompt",
                "x".getBytes(StandardCharsets.UTF_8))))).hasMessageStartingWith("image is required");
    }

    @Test
    void anImageRequestLargerThanOptionsNeedIsRefusedUnread() {
        String huge = "{\"prompt\": \"" + "x".repeat(EditRequestReader.MAX_IMAGE_REQUEST_BYTES) + "\"}";
        assertThatThrownBy(() -> reader.readUpscale(form("image_request", huge)))
                .isInstanceOf(InvalidEditException.class)
                .hasMessageStartingWith("image_request is " + (EditRequestReader.MAX_IMAGE_REQUEST_BYTES + 14)
                        + " bytes; it carries a prompt and options only");
    }

    @Test
    void anUpscaleWithoutAPromptHasNothingForMagicPromptToRewrite() {
        assertThat(reader.readUpscale(form("image_request", "{\"magic_prompt_option\": \"ON\"}")).magicPrompt())
                .isEqualTo(MagicPromptOption.OFF);
        assertThat(reader.readUpscale(form("image_request", "{\"prompt\": \"crisp\", \"magic_prompt_option\":"
                + " \"ON\"}")).magicPrompt()).isEqualTo(MagicPromptOption.ON);
    }
}
