/**
 * What a Brushwork process is configured with. {@link io.brushwork.config.ConfigLoader} only merges the sources
 * (defaults &lt; YAML file &lt; {@code BRUSHWORK_*} environment &lt; flags) into {@link io.brushwork.config.ConfigValues},
 * which remembers where each value came from so that an error can say "from BRUSHWORK_PORT"; each section record
 * ({@code ServerConfig}, {@code StorageConfig} with its {@code ImageStoreConfig}, {@code LimitsConfig},
 * {@code MagicPromptConfig}, {@code DescribeConfig}, {@code SafetyConfig}, {@code ModelsConfig},
 * {@code BackendConfig}) reads its own keys and keeps its defaults beside its fields.
 * {@link io.brushwork.config.DatabaseUrl} is {@code database-url}, which prints only with its password masked. A
 * {@code *Config} is configuration as written; the feature that uses it builds its own {@code *Settings} from it
 * (for example {@code prompt.LlmSettings.from(MagicPromptConfig)}, {@code describe.Describer.from(DescribeConfig)}),
 * so this package imports no feature package.
 */
package io.brushwork.config;
