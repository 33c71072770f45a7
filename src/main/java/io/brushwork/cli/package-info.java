/**
 * The {@code brushwork} command: {@code serve}, {@code keys}, {@code edit}, {@code mask} and {@code usage}, with
 * picocli. {@link io.brushwork.cli.Main} is the entry point; everything else is package-private. {@code edit} runs
 * the same edit service as the HTTP routes, keeping its results as files.
 */
package io.brushwork.cli;
