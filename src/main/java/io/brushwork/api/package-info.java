/**
 * The HTTP edge: routes, authentication, multipart reading, Ideogram's JSON and error bodies, signed image links
 * (streamed from the image store, whole or one byte range), health, and the playground page at {@code /}. {@link io.brushwork.api.BrushworkServer} is the
 * only entry point; handlers stay thin (parse, hand the request to the edit service, render), and {@code Failure} is
 * the one place where an exception becomes a status and an {@code {"error": ...}} body.
 */
package io.brushwork.api;
