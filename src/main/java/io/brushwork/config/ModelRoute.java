package io.brushwork.config;

/** Where a public model name goes: an engine by name and one of that engine's presets. */
public record ModelRoute(String engine, String preset) {
}
