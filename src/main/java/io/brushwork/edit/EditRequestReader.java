package io.brushwork.edit;

import io.brushwork.config.ConfigException;
import io.brushwork.engine.Operation;
import io.brushwork.prompt.MagicPromptOption;
import io.brushwork.prompt.StyleType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns the fields of an edit form (Ideogram's {@code POST /edit} names, or V3's) into an {@link EditRequest} with
 * its model resolved, or says which field is wrong and what it accepts. As with Ideogram, unknown fields are
 * ignored; unlike a strict form parser, a field sent as an empty string counts as not sent, because common clients
 * send {@code seed=""} for "no seed".
 */
public final class EditRequestReader {
    /** V3's style types: no RENDER_3D or ANIME, and CUSTOM needs style codes, which Brushwork does not take. */
    private static final Set<StyleType> V3_STYLES = EnumSet.of(StyleType.AUTO, StyleType.GENERAL,
            StyleType.REALISTIC, StyleType.DESIGN, StyleType.FICTION, StyleType.STYLIZED);

    /** Far above a 10,000-character prompt and its options in any encoding, as for a JSON body. */
    static final int MAX_IMAGE_REQUEST_BYTES = 256 * 1024;

    private final ModelCatalog models;
    private final Map<String, String> renderingSpeeds;

    /** @param renderingSpeeds V3 rendering speed → public model name; every target must be a known model */
    public EditRequestReader(ModelCatalog models, Map<String, String> renderingSpeeds) {
        this.models = models;
        this.renderingSpeeds = Map.copyOf(renderingSpeeds);
        renderingSpeeds.forEach((speed, model) -> {
            if (models.find(model).isEmpty()) {
                throw new ConfigException("rendering speed " + speed + " maps to model " + model
                        + ", which is not configured; models: " + String.join(", ", models.names()));
            }
        });
    }

    public EditRequestReader(ModelCatalog models) {
        this(models, Map.of());
    }

    /** Ideogram's legacy {@code POST /edit} form. */
    public EditRequest read(EditForm fields) {
        byte[] image = requireFile(fields, "image_file", "the photo to edit");
        byte[] mask = requireFile(fields, "mask", "a black-and-white image, black where the photo should change");
        String prompt = prompt(fields);
        ModelCatalog.Model model = text(fields, "model").map(this::model).orElseGet(this::defaultModel);
        MagicPromptOption magic = text(fields, "magic_prompt_option")
                .map(v -> choice("magic_prompt_option", v, MagicPromptOption.class))
                .orElse(MagicPromptOption.AUTO);
        Optional<StyleType> style = text(fields, "style_type").map(v -> choice("style_type", v, StyleType.class));
        OptionalInt seed = text(fields, "seed")
                .map(v -> OptionalInt.of(integer("seed", v, 0, Integer.MAX_VALUE)))
                .orElse(OptionalInt.empty());
        int numImages = text(fields, "num_images")
                .map(v -> integer("num_images", v, 1, EditRequest.MAX_IMAGES))
                .orElse(1);
        return new EditRequest(image, mask, prompt, model, magic, style, seed, numImages, OutputSize.INPUT);
    }

    /**
     * Ideogram 3.0's {@code /v1/ideogram-v3/edit} and {@code /inpaint} form: {@code image} instead of
     * {@code image_file}, {@code magic_prompt}, {@code rendering_speed} (mapped to a model by configuration) instead
     * of {@code model}, and {@code style_type} defaulting to GENERAL.
     */
    public EditRequest readV3(EditForm fields) {
        byte[] image = requireFile(fields, "image", "the photo to edit");
        byte[] mask = requireFile(fields, "mask", "a black-and-white image, black where the photo should change");
        String prompt = prompt(fields);
        String speed = text(fields, "rendering_speed").map(this::speed).orElse("DEFAULT");
        MagicPromptOption magic = text(fields, "magic_prompt")
                .map(v -> choice("magic_prompt", v, MagicPromptOption.class))
                .orElse(MagicPromptOption.AUTO);
        StyleType style = text(fields, "style_type").map(EditRequestReader::v3Style).orElse(StyleType.GENERAL);
        OptionalInt seed = text(fields, "seed")
                .map(v -> OptionalInt.of(integer("seed", v, 0, Integer.MAX_VALUE)))
                .orElse(OptionalInt.empty());
        int numImages = text(fields, "num_images")
                .map(v -> integer("num_images", v, 1, EditRequest.MAX_IMAGES))
                .orElse(1);
        ModelCatalog.Model model = models.find(renderingSpeeds.get(speed)).orElseThrow();
        return new EditRequest(image, mask, prompt, model, magic, Optional.of(style), seed, numImages,
                OutputSize.IDEOGRAM_V3);
    }

    /**
     * {@code POST /magic-prompt}: {@code prompt}, and optionally a V3 {@code style_type} and a {@code seed}.
     * {@code magic_prompt_version} is checked against Ideogram's list and otherwise changes nothing here, nor do
     * {@code classify_prompt_category} and {@code system_prompt}.
     */
    public MagicPromptRequest readMagicPrompt(EditForm fields) {
        String prompt = requirePrompt(fields, "prompt");
        text(fields, "magic_prompt_version").ifPresent(v -> {
            if (!v.toUpperCase(Locale.ROOT).matches("V_0(_[1-8])?")) {
                throw new InvalidEditException("magic_prompt_version must be one of V_0, V_0_1 to V_0_8; got "
                        + Quoted.of(v));
            }
        });
        // StyleTypeV3's default, as Ideogram's description gives it.
        StyleType style = text(fields, "style_type").map(EditRequestReader::v3Style).orElse(StyleType.GENERAL);
        return new MagicPromptRequest(prompt, style, seed(fields));
    }

    /** {@code POST /describe}: the photo; {@code describe_model_version} must be one of Ideogram's. */
    public byte[] readDescribe(EditForm fields) {
        text(fields, "describe_model_version").map(v -> v.toUpperCase(Locale.ROOT)).ifPresent(v -> {
            if (!List.of("V_2", "V_3", "CUSTOM").contains(v)) {
                throw new InvalidEditException("describe_model_version must be one of V_2, V_3, CUSTOM; got "
                        + Quoted.of(v));
            }
        });
        return requireFile(fields, "image_file", "the photo to describe");
    }

    /** Ideogram's legacy {@code POST /reframe}: the photo, a {@code resolution} to extend it to, and a model. */
    public EditRequest readReframe(EditForm fields) {
        byte[] image = requireFile(fields, "image_file", "the photo to extend");
        Resolutions.Size size = Resolutions.legacy("resolution", requireText(fields, "resolution",
                "the size to extend the photo to, for example RESOLUTION_1344_768"));
        ModelCatalog.Model model = text(fields, "model").map(this::model).orElseGet(this::defaultModel);
        Optional<StyleType> style = text(fields, "style_type").map(v -> choice("style_type", v, StyleType.class));
        return new EditRequest(Operation.REFRAME, image, null, "", model, MagicPromptOption.OFF, style,
                seed(fields), numImages(fields), OutputSize.INPUT, EditRequest.Options.NONE.withSize(size),
                "image_file");
    }

    /** V3's {@code /v1/ideogram-v3/reframe}: {@code image}, a V3 {@code resolution}, and a rendering speed. */
    public EditRequest readReframeV3(EditForm fields) {
        byte[] image = requireFile(fields, "image", "the photo to extend");
        Resolutions.Size size = Resolutions.v3("resolution", requireText(fields, "resolution",
                "the size to extend the photo to, for example 1344x768"));
        return new EditRequest(Operation.REFRAME, image, null, "", speedModel(fields), MagicPromptOption.OFF,
                Optional.of(StyleType.GENERAL), seed(fields), numImages(fields), OutputSize.INPUT,
                EditRequest.Options.NONE.withSize(size), "image");
    }

    /**
     * Ideogram's {@code POST /upscale}: {@code image_file}, and {@code image_request} as JSON with the prompt,
     * {@code resemblance}, {@code detail}, Magic Prompt, {@code num_images} and {@code seed}. It names no model:
     * the default model's upscaling route serves it.
     */
    public EditRequest readUpscale(EditForm fields) {
        byte[] image = requireFile(fields, "image_file", "the photo to upscale");
        EditForm request = imageRequest(fields, false);
        EditRequest.Options options = new EditRequest.Options(Optional.empty(), "", 50,
                strength(request, "image_request.resemblance", "resemblance"),
                strength(request, "image_request.detail", "detail"));
        String prompt = prompt(request);
        // Without a prompt there is nothing to rewrite: Magic Prompt's fill phrase would describe an edit.
        MagicPromptOption magic = prompt.isBlank() ? MagicPromptOption.OFF : magic(request, "magic_prompt_option");
        return new EditRequest(Operation.UPSCALE, image, null, prompt, defaultModel(), magic, Optional.empty(),
                seed(request), numImages(request), OutputSize.INPUT, options, "image_file");
    }

    /** Ideogram's legacy {@code POST /generate}: a JSON body {@code {"image_request": {...}}}. */
    public EditRequest readGenerate(EditForm fields) {
        EditForm request = imageRequest(fields, true);
        return legacyGenerative(Operation.GENERATE, null, request, 50);
    }

    /** Ideogram's legacy {@code POST /remix}: {@code image_file} and {@code image_request} with an image weight. */
    public EditRequest readRemix(EditForm fields) {
        byte[] image = requireFile(fields, "image_file", "the photo to remix");
        EditForm request = imageRequest(fields, true);
        return legacyGenerative(Operation.REMIX, image, request,
                strength(request, "image_request.image_weight", "image_weight"));
    }

    /** V3's {@code generate}, multipart or JSON. */
    public EditRequest readGenerateV3(EditForm fields) {
        return v3Generative(Operation.GENERATE, null, fields, 50);
    }

    /** V3's {@code remix}: {@code image}, a prompt and {@code image_weight}. */
    public EditRequest readRemixV3(EditForm fields) {
        byte[] image = requireFile(fields, "image", "the photo to remix");
        return v3Generative(Operation.REMIX, image, fields, strength(fields, "image_weight", "image_weight"));
    }

    /** V3's {@code replace-background}: {@code image} and a prompt for the new background. */
    public EditRequest readReplaceBackgroundV3(EditForm fields) {
        byte[] image = requireFile(fields, "image", "the photo whose background to replace");
        return v3Generative(Operation.REPLACE_BACKGROUND, image, fields, 50);
    }

    private EditRequest legacyGenerative(Operation operation, byte[] image, EditForm request, int imageWeight) {
        String prompt = requirePrompt(request, "image_request.prompt");
        ModelCatalog.Model model = text(request, "model").map(this::model).orElseGet(this::defaultModel);
        Optional<Resolutions.Size> size = size(text(request, "resolution")
                .map(v -> Resolutions.legacy("image_request.resolution", v)), text(request, "aspect_ratio")
                .map(v -> Resolutions.legacyAspect("image_request.aspect_ratio", v)), "image_request.");
        Optional<StyleType> style = text(request, "style_type").map(v -> choice("style_type", v, StyleType.class));
        EditRequest.Options options = new EditRequest.Options(size, text(request, "negative_prompt").orElse(""),
                imageWeight, 50, 50);
        return new EditRequest(operation, image, null, prompt, model, magic(request, "magic_prompt_option"), style,
                seed(request), numImages(request), OutputSize.INPUT, options, "image_file");
    }

    private EditRequest v3Generative(Operation operation, byte[] image, EditForm fields, int imageWeight) {
        String prompt = requirePrompt(fields, "prompt");
        Optional<Resolutions.Size> size = size(text(fields, "resolution")
                .map(v -> Resolutions.v3("resolution", v)), text(fields, "aspect_ratio")
                .map(v -> Resolutions.v3Aspect("aspect_ratio", v)), "");
        StyleType style = text(fields, "style_type").map(EditRequestReader::v3Style).orElse(StyleType.GENERAL);
        EditRequest.Options options = new EditRequest.Options(size, text(fields, "negative_prompt").orElse(""),
                imageWeight, 50, 50);
        return new EditRequest(operation, image, null, prompt, speedModel(fields), magic(fields, "magic_prompt"),
                Optional.of(style), seed(fields), numImages(fields), OutputSize.INPUT, options, "image");
    }

    /** A resolution or an aspect ratio, not both: Ideogram refuses both too. */
    private static Optional<Resolutions.Size> size(Optional<Resolutions.Size> resolution,
                                                   Optional<Resolutions.Size> aspect, String prefix) {
        if (resolution.isPresent() && aspect.isPresent()) {
            throw new InvalidEditException("send " + prefix + "resolution or " + prefix + "aspect_ratio, not both");
        }
        return resolution.or(() -> aspect);
    }

    /** {@code image_request}: a JSON object, sent as a multipart text field or inside a JSON body. */
    private static EditForm imageRequest(EditForm fields, boolean required) {
        Optional<String> json = fields.text("image_request").filter(v -> !v.isBlank());
        if (json.isEmpty()) {
            if (required) {
                throw new InvalidEditException("image_request is required: send a JSON object with at least a"
                        + " prompt, for example {\"prompt\": \"a lighthouse at dusk\"}");
            }
            return EditForm.of(Map.of(), Map.of());
        }
        int bytes = json.get().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_IMAGE_REQUEST_BYTES) {
            // Refused before parsing: a tree of a 25 MB field would take far more heap than its reserved bytes.
            throw new InvalidEditException("image_request is " + bytes + " bytes; it carries a prompt and options"
                    + " only, at most " + MAX_IMAGE_REQUEST_BYTES + " bytes");
        }
        return EditForm.ofJson(json.get(), "image_request", "{\"prompt\": \"a lighthouse at dusk\"}");
    }

    private ModelCatalog.Model speedModel(EditForm fields) {
        String speed = text(fields, "rendering_speed").map(this::speed).orElse("DEFAULT");
        return models.find(renderingSpeeds.get(speed)).orElseThrow();
    }

    private static String requireText(EditForm fields, String name, String what) {
        return text(fields, name).orElseThrow(() -> new InvalidEditException(name + " is required: send " + what));
    }

    /** A prompt the operation cannot do without. */
    private static String requirePrompt(EditForm fields, String name) {
        String prompt = prompt(fields);
        if (prompt.isBlank()) {
            throw new InvalidEditException(name + " is required: say what the image should show");
        }
        return prompt;
    }

    private static MagicPromptOption magic(EditForm fields, String name) {
        return text(fields, name).map(v -> choice(name, v, MagicPromptOption.class)).orElse(MagicPromptOption.AUTO);
    }

    private static OptionalInt seed(EditForm fields) {
        return text(fields, "seed").map(v -> OptionalInt.of(integer("seed", v, 0, Integer.MAX_VALUE)))
                .orElse(OptionalInt.empty());
    }

    private static int numImages(EditForm fields) {
        return text(fields, "num_images").map(v -> integer("num_images", v, 1, EditRequest.MAX_IMAGES)).orElse(1);
    }

    /** One of Ideogram's 1-to-100 strengths, 50 when not sent. */
    private static int strength(EditForm fields, String label, String name) {
        return text(fields, name).map(v -> integer(label, v, 1, 100)).orElse(50);
    }

    private String speed(String value) {
        String speed = value.toUpperCase(Locale.ROOT);
        if (!renderingSpeeds.containsKey(speed)) {
            throw new InvalidEditException("rendering_speed must be one of FLASH, TURBO, BALANCED, DEFAULT, QUALITY;"
                    + " got " + Quoted.of(value));
        }
        return speed;
    }

    private static StyleType v3Style(String value) {
        String allowed = V3_STYLES.stream().map(Enum::name).collect(Collectors.joining(", "));
        try {
            StyleType style = StyleType.valueOf(value.toUpperCase(Locale.ROOT));
            if (V3_STYLES.contains(style)) {
                return style;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below with the allowed values
        }
        String hint = value.equalsIgnoreCase("CUSTOM") ? " (CUSTOM needs style codes, which Brushwork does not take)"
                : "";
        throw new InvalidEditException("style_type must be one of " + allowed + hint + "; got " + Quoted.of(value));
    }

    private static byte[] requireFile(EditForm fields, String name, String what) {
        byte[] bytes = fields.file(name).orElse(null);
        if (bytes == null) {
            throw new InvalidEditException(name + " is required: send " + what + " as a multipart file field named '"
                    + name + "'");
        }
        if (bytes.length == 0) {
            throw new InvalidEditException(name + " is an empty file; send a JPEG, PNG or WebP image");
        }
        return bytes;
    }

    /** The prompt as sent, up to {@link EditRequest#MAX_PROMPT_CHARS}: it is echoed once per image in the answer. */
    private static String prompt(EditForm fields) {
        String prompt = text(fields, "prompt").orElse("");
        int chars = prompt.codePointCount(0, prompt.length());
        if (chars > EditRequest.MAX_PROMPT_CHARS) {
            throw new InvalidEditException("prompt is " + chars + " characters; the limit is "
                    + EditRequest.MAX_PROMPT_CHARS + ", so shorten it");
        }
        return prompt;
    }

    /** A text field, trimmed; empty or absent both mean "not sent". */
    private static Optional<String> text(EditForm fields, String name) {
        Optional<String> value = fields.text(name);
        return name.equals("prompt") ? value : value.map(String::trim).filter(v -> !v.isEmpty());
    }

    private ModelCatalog.Model model(String value) {
        return models.find(value).orElseThrow(() -> new InvalidEditException(
                "model must be one of " + String.join(", ", models.names()) + "; got " + Quoted.of(value)));
    }

    /** V_2, as with Ideogram, when the client names no model; the configuration always keeps one. */
    private ModelCatalog.Model defaultModel() {
        return models.find(EditRequest.DEFAULT_MODEL).orElseThrow();
    }

    private static <E extends Enum<E>> E choice(String field, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            throw new InvalidEditException(field + " must be one of " + allowed + "; got " + Quoted.of(value));
        }
    }

    private static int integer(String field, String value, int min, int max) {
        try {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return (int) n;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the range
        }
        throw new InvalidEditException(field + " must be a whole number from " + min + " to " + max + "; got "
                + Quoted.of(value));
    }
}
