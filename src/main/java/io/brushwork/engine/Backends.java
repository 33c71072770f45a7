package io.brushwork.engine;

import io.brushwork.config.BackendConfig;
import io.brushwork.config.ConfigException;
import io.brushwork.config.ConfigLoader;
import io.brushwork.engine.onnx.OnnxInpaintEngine;
import io.brushwork.engine.onnx.OnnxModelSettings;
import io.brushwork.engine.remote.IdeogramEngine;
import io.brushwork.engine.remote.IdeogramSettings;
import io.brushwork.engine.remote.ImageSize;
import io.brushwork.engine.remote.IoPaintEngine;
import io.brushwork.engine.remote.IoPaintSettings;
import io.brushwork.engine.remote.OpenAiImagesEngine;
import io.brushwork.engine.remote.OpenAiImagesSettings;
import io.brushwork.engine.remote.SdWebUiEngine;
import io.brushwork.engine.remote.SdWebUiSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the operator's {@code backends} into engines. A setting that is wrong (an unknown key, a value that is not a
 * number) stops the server at start, naming it; a backend that is set up right but cannot work now (a model file
 * that fails to load) becomes an {@link UnavailableEngine}, so the server starts, {@code /readyz} says why and its
 * models answer 503.
 */
public final class Backends {
    private static final Logger log = LoggerFactory.getLogger(Backends.class);

    private Backends() {
    }

    public static EngineRegistry register(EngineRegistry registry, Map<String, BackendConfig> backends) {
        backends.forEach((name, config) -> {
            if (registry.find(name).isPresent()) {
                throw new ConfigException("backends." + name + ": the name is taken by a built-in engine");
            }
            InpaintEngine engine;
            try {
                engine = create(name, new Settings(name, config));
            } catch (BackendException e) {
                log.error("backend {} is not available: {}", name, e.getMessage());
                engine = new UnavailableEngine(name, e.getMessage());
            }
            registry.register(engine);
        });
        return registry;
    }

    private static InpaintEngine create(String name, Settings s) {
        return switch (s.config.type().toLowerCase(Locale.ROOT)) {
            case "onnx" -> OnnxInpaintEngine.open(name, onnx(s));
            case "ideogram" -> new IdeogramEngine(name, ideogram(s));
            case "openai" -> new OpenAiImagesEngine(name, openAi(s));
            case "iopaint" -> new IoPaintEngine(name, ioPaint(s));
            case "sd-webui" -> new SdWebUiEngine(name, sdWebUi(s));
            default -> throw new ConfigException("backends." + name + ": unknown type '" + s.config.type()
                    + "'; types: onnx, ideogram, openai, iopaint, sd-webui");
        };
    }

    private static OnnxModelSettings onnx(Settings s) {
        Path model = s.build(() -> Path.of(s.required("model")));
        int threads = s.integer("threads", 1);
        String contract = s.text("contract", "lama").toLowerCase(Locale.ROOT);
        OnnxModelSettings settings = switch (contract) {
            case "lama" -> s.build(() -> OnnxModelSettings.lama(model, threads));
            case "migan" -> s.build(() -> OnnxModelSettings.migan(model, threads));
            case "generic" -> generic(s, model, threads);
            default -> throw s.invalid("contract", "lama, migan or generic");
        };
        s.rejectUnused();
        return settings;
    }

    private static IdeogramSettings ideogram(Settings s) {
        IdeogramSettings settings = s.build(() -> new IdeogramSettings(s.uri("base-url", "https://api.ideogram.ai"),
                s.required("api-key"), s.duration("timeout", "5m"), s.text("model", "V_2")));
        s.rejectUnused();
        return settings;
    }

    private static OpenAiImagesSettings openAi(Settings s) {
        List<ImageSize> sizes = new ArrayList<>();
        for (String size : s.text("sizes", "").split("\\s*,\\s*")) {
            if (!size.isBlank()) {
                sizes.add(s.build(() -> ImageSize.parse(size)));
            }
        }
        OpenAiImagesSettings settings = s.build(() -> new OpenAiImagesSettings(s.uri("base-url",
                "https://api.openai.com"), s.optional("api-key"), s.required("model"), s.duration("timeout", "5m"),
                sizes));
        s.rejectUnused();
        return settings;
    }

    private static IoPaintSettings ioPaint(Settings s) {
        IoPaintSettings settings = s.build(() -> new IoPaintSettings(s.uri("base-url", null),
                s.duration("timeout", "5m"), s.optional("model")));
        s.rejectUnused();
        return settings;
    }

    private static SdWebUiSettings sdWebUi(Settings s) {
        SdWebUiSettings settings = s.build(() -> new SdWebUiSettings(s.uri("base-url", null),
                s.duration("timeout", "5m"), s.number("denoising-strength", 0.75), s.integer("inpainting-fill", 1),
                Boolean.parseBoolean(s.text("inpaint-full-res", "false")), s.integer("steps", 20),
                s.optional("sampler"), s.optional("api-auth")));
        s.rejectUnused();
        return settings;
    }

    private static OnnxModelSettings generic(Settings s, Path model, int threads) {
        String size = s.text("size", "any").toLowerCase(Locale.ROOT);
        int width = 0;
        int height = 0;
        if (!size.equals("any")) {
            String[] wh = size.split("x", 2);
            try {
                width = Integer.parseInt(wh[0].trim());
                height = Integer.parseInt(wh.length > 1 ? wh[1].trim() : wh[0].trim());
            } catch (NumberFormatException e) {
                throw s.invalid("size", "WxH such as 512x512, or any");
            }
        }
        try {
            return new OnnxModelSettings(model, OnnxModelSettings.Contract.GENERIC, threads,
                    s.required("image-input"), s.required("mask-input"), s.required("output"),
                    OnnxModelSettings.Layout.valueOf(s.text("layout", "NCHW").toUpperCase(Locale.ROOT)),
                    OnnxModelSettings.DataType.valueOf(s.text("input-type", "FLOAT32").toUpperCase(Locale.ROOT)),
                    OnnxModelSettings.DataType.valueOf(s.text("output-type", "FLOAT32").toUpperCase(Locale.ROOT)),
                    range(s, "image-range", "0..1"), range(s, "output-range", "0..1"),
                    (float) s.number("mask-hole", 1), (float) s.number("mask-keep", 0), width, height,
                    s.integer("size-multiple", 1));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("backends." + s.name + ": " + e.getMessage());
        }
    }

    private static OnnxModelSettings.ValueRange range(Settings s, String key, String fallback) {
        return switch (s.text(key, fallback)) {
            case "0..1" -> OnnxModelSettings.ValueRange.ZERO_TO_ONE;
            case "0..255" -> OnnxModelSettings.ValueRange.ZERO_TO_255;
            case "-1..1" -> OnnxModelSettings.ValueRange.MINUS_ONE_TO_ONE;
            default -> throw s.invalid(key, "0..1, 0..255 or -1..1");
        };
    }

    /** A backend's settings as written, read with errors that name the backend and key; unused keys are errors. */
    static final class Settings {
        final String name;
        final BackendConfig config;
        private final Set<String> used = new HashSet<>();

        Settings(String name, BackendConfig config) {
            this.name = name;
            this.config = config;
        }

        String text(String key, String fallback) {
            used.add(key);
            String v = config.settings().get(key);
            return v == null || v.isBlank() ? fallback : v.trim();
        }

        String required(String key) {
            String v = text(key, null);
            if (v == null) {
                throw new ConfigException("backends." + name + " needs " + key);
            }
            return v;
        }

        int integer(String key, int fallback) {
            String v = text(key, String.valueOf(fallback));
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw invalid(key, "a whole number");
            }
        }

        double number(String key, double fallback) {
            String v = text(key, String.valueOf(fallback));
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw invalid(key, "a number");
            }
        }

        Optional<String> optional(String key) {
            return Optional.ofNullable(text(key, null));
        }

        URI uri(String key, String fallback) {
            String v = fallback == null ? required(key) : text(key, fallback);
            try {
                return URI.create(v);
            } catch (IllegalArgumentException e) {
                throw invalid(key, "a URL such as http://127.0.0.1:8080");
            }
        }

        Duration duration(String key, String fallback) {
            try {
                return ConfigLoader.duration("backends." + name + "." + key, text(key, fallback));
            } catch (ConfigException e) {
                throw invalid(key, "a duration such as 90s, 5m or PT5M");
            }
        }

        /** Builds a settings record, turning its own checks (a bad URL scheme, say) into config errors. */
        <T> T build(java.util.function.Supplier<T> settings) {
            try {
                return settings.get();
            } catch (IllegalArgumentException e) {
                throw new ConfigException("backends." + name + ": " + e.getMessage());
            }
        }

        ConfigException invalid(String key, String expected) {
            return new ConfigException("backends." + name + "." + key + " is '" + config.settings().get(key)
                    + "'; expected " + expected);
        }

        void rejectUnused() {
            for (String key : config.settings().keySet()) {
                if (!used.contains(key)) {
                    throw new ConfigException("backends." + name + ": unknown key '" + key + "' for type "
                            + config.type());
                }
            }
        }
    }
}
