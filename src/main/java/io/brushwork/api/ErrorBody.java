package io.brushwork.api;

/** Ideogram's error shape: a flat object with one human-readable message. */
public record ErrorBody(String error) {
}
