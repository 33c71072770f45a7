package io.brushwork.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of a successful edit, in Ideogram's {@code GenerateImageResponse} shape. */
record EditResponse(String created, List<Item> data) {

    /** Ideogram's {@code ImageObject}; {@code url} is null for an image that failed the safety check. */
    record Item(
            String url,
            String prompt,
            String resolution,
            @JsonProperty("upscaled_resolution") @JsonInclude(JsonInclude.Include.NON_NULL) String upscaledResolution,
            @JsonProperty("is_image_safe") boolean isImageSafe,
            int seed,
            @JsonProperty("style_type") String styleType) {
    }
}
