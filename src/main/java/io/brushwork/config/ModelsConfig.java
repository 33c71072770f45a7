package io.brushwork.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The public model names and where each goes; set in the config file only.
 *
 * @param routes          each model name (upper case) with its route
 * @param renderingSpeeds V3's {@code rendering_speed} values, each mapped to a model name: V3 edits have no model
 *                        field
 */
public record ModelsConfig(Map<String, ModelRoute> routes, Map<String, String> renderingSpeeds) {
    public static final ModelsConfig DEFAULT = new ModelsConfig(defaultRoutes(), defaultRenderingSpeeds());

    private static final List<String> STEP_KEYS = List.of("backend", "preset", "tier", "weight", "timeout",
            "max-concurrent", "retries", "cooldown", "retry-busy");

    private static Map<String, ModelRoute> defaultRoutes() {
        Map<String, ModelRoute> routes = new LinkedHashMap<>();
        routes.put("V_2", new ModelRoute("patchmatch", "quality"));
        routes.put("V_2_TURBO", new ModelRoute("patchmatch", "fast"));
        return routes;
    }

    private static Map<String, String> defaultRenderingSpeeds() {
        Map<String, String> speeds = new LinkedHashMap<>();
        speeds.put("FLASH", "V_2_TURBO");
        speeds.put("TURBO", "V_2_TURBO");
        speeds.put("BALANCED", "V_2");
        speeds.put("DEFAULT", "V_2");
        speeds.put("QUALITY", "V_2");
        return speeds;
    }

    public ModelsConfig {
        routes = Collections.unmodifiableMap(new LinkedHashMap<>(routes));
        renderingSpeeds = Collections.unmodifiableMap(new LinkedHashMap<>(renderingSpeeds));
    }

    /** These models with the file's {@code models} added: a name already here is replaced. */
    ModelsConfig withRoutes(Path file, JsonNode node) {
        if (!node.isObject()) {
            throw new ConfigException("models in " + file + " must map model names to {backend, preset} or {route}");
        }
        Map<String, ModelRoute> merged = new LinkedHashMap<>(routes);
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String where = "models." + entry.getKey() + " in " + file;
            merged.put(entry.getKey().toUpperCase(Locale.ROOT), route(where, entry.getValue()));
        }
        return new ModelsConfig(merged, renderingSpeeds);
    }

    /** These speeds with the file's {@code rendering-speeds} applied; only V3's speeds exist. */
    ModelsConfig withRenderingSpeeds(Path file, JsonNode node) {
        if (!node.isObject()) {
            throw new ConfigException("rendering-speeds in " + file + " must map speeds to model names");
        }
        Map<String, String> merged = new LinkedHashMap<>(renderingSpeeds);
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String speed = entry.getKey().toUpperCase(Locale.ROOT);
            if (!merged.containsKey(speed)) {
                throw new ConfigException("rendering-speeds." + entry.getKey() + " in " + file + " is not a V3"
                        + " rendering speed; speeds: " + String.join(", ", merged.keySet()));
            }
            merged.put(speed, entry.getValue().asText().toUpperCase(Locale.ROOT));
        }
        return new ModelsConfig(routes, merged);
    }

    /** Keys of a model that are not an operation's route. */
    private static final List<String> MODEL_KEYS = List.of("route", "backend", "engine", "preset");

    private static ModelRoute route(String where, JsonNode model) {
        if (!model.isObject()) {
            throw new ConfigException(where + " must have a backend and a preset, for example {backend:"
                    + " patchmatch, preset: quality}, or a route: [{backend: lama}, {backend: patchmatch}]");
        }
        // Any other key is one operation's own route; the catalog checks that it names an operation.
        Map<String, List<RouteStep>> operations = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : model.properties()) {
            if (!MODEL_KEYS.contains(field.getKey())) {
                // "models.V_2 in f.yaml" becomes "models.V_2.generate in f.yaml"
                String at = where.replaceFirst(" in ", "." + field.getKey() + " in ");
                operations.put(field.getKey(), steps(at, field.getValue()));
            }
        }
        if (model.has("route")) {
            if (!model.get("route").isArray() || model.get("route").isEmpty()) {
                throw new ConfigException(where + ": route must be a list of backends");
            }
            return new ModelRoute(steps(where, model.get("route")), operations);
        }
        // the short form; "engine" is its first spelling, still read so that older files keep working
        if (model.hasNonNull("backend") && model.hasNonNull("engine")) {
            throw new ConfigException(where + " has both backend and engine; engine is the old name of backend,"
                    + " so write only backend");
        }
        String backend = model.hasNonNull("backend") ? "backend" : "engine";
        if (model.hasNonNull(backend) && model.hasNonNull("preset")) {
            return new ModelRoute(List.of(RouteStep.of(model.get(backend).asText(), model.get("preset").asText())),
                    operations);
        }
        if (!model.has(backend) && !model.has("preset") && !operations.isEmpty()) {
            return new ModelRoute(List.of(), operations); // routes for some operations only
        }
        throw new ConfigException(where + " must have a backend and a preset, for example {backend:"
                + " patchmatch, preset: quality}, or a route: [{backend: lama}, {backend: patchmatch}]");
    }

    /** A route as a list of steps; one operation's may also be a single step, or a backend's name. */
    private static List<RouteStep> steps(String where, JsonNode node) {
        if (node.isTextual()) {
            return List.of(RouteStep.of(node.asText(), RouteStep.DEFAULT_PRESET));
        }
        if (node.isObject()) {
            return List.of(step(where, node));
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new ConfigException(where + " must be a list of backends, for example [{backend: ideogram}]");
        }
        List<RouteStep> steps = new ArrayList<>();
        for (JsonNode step : node) {
            steps.add(step(where, step));
        }
        return steps;
    }

    private static RouteStep step(String where, JsonNode step) {
        if (!step.isObject() || !step.hasNonNull("backend")) {
            throw new ConfigException(where + ": each route entry needs a backend, for example {backend: lama}");
        }
        ConfigValues v = new ConfigValues();
        for (Map.Entry<String, JsonNode> field : step.properties()) {
            if (!STEP_KEYS.contains(field.getKey())) {
                throw new ConfigException(where + ": unknown route key '" + field.getKey() + "'; keys: "
                        + String.join(", ", STEP_KEYS));
            }
            String text = field.getValue().asText(null); // null for "tier: ~": the default, as if not written
            if (text != null) {
                v.set(field.getKey(), text, where);
            }
        }
        return new RouteStep(step.get("backend").asText(),
                step.path("preset").asText(RouteStep.DEFAULT_PRESET),
                v.integer("tier", 0, 100).orElse(RouteStep.DEFAULT_TIER),
                v.integer("weight", 1, 1000).orElse(RouteStep.DEFAULT_WEIGHT),
                v.duration("timeout").orElse(RouteStep.DEFAULT_TIMEOUT),
                v.integer("max-concurrent", 0, 100_000).orElse(RouteStep.DEFAULT_MAX_CONCURRENT),
                v.integer("retries", 0, 10).orElse(RouteStep.DEFAULT_RETRIES),
                v.duration("cooldown").orElse(RouteStep.DEFAULT_COOLDOWN),
                v.bool("retry-busy").orElse(RouteStep.DEFAULT_RETRY_BUSY));
    }
}
