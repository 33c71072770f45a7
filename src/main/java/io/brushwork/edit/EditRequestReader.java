package io.brushwork.edit;

import io.brushwork.config.ConfigException;
import io.brushwork.prompt.MagicPromptOption;
import io.brushwork.prompt.StyleType;
import java.util.Arrays;
import java.util.EnumSet;
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
