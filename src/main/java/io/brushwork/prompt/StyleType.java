package io.brushwork.prompt;

/** Ideogram's {@code style_type} values for edits. Brushwork's built-in engines accept and echo them. */
public enum StyleType {
    AUTO, GENERAL, REALISTIC, DESIGN, RENDER_3D, ANIME, FICTION, STYLIZED
}
