package io.brushwork.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaults() {
        BrushworkConfig c = ConfigLoader.load(Optional.empty(), Map.of(), Map.of());
        assertThat(c.server().port()).isEqualTo(8080);
        assertThat(c.server().host()).isEqualTo("0.0.0.0");
        assertThat(c.storage().data()).isEqualTo(Path.of("./data"));
        assertThat(c.server().publicUrl()).isEmpty();
        assertThat(c.storage().imageTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(c.limits().maxFileSize()).isEqualTo(25L * 1024 * 1024);
        assertThat(c.limits().maxPixels()).isEqualTo(40_000_000L);
        assertThat(c.server().auth()).isTrue();
        assertThat(c.models().routes()).containsEntry("V_2", new ModelRoute("patchmatch", "quality"))
                .containsEntry("V_2_TURBO", new ModelRoute("patchmatch", "fast"));
    }

    @Test
    void fileThenEnvironmentThenFlags() throws Exception {
        Path file = dir.resolve("brushwork.yaml");
        Files.writeString(file, String.join("\n",
                "port: 9000",
                "image-ttl: 90m",
                "max-file-size: 10MB",
                "public-url: https://img.example.test/",
                "models:",
                "  v_2: {engine: telea, preset: fast}",
                "  MY_MODEL: {engine: telea, preset: quality}",
                ""));
        BrushworkConfig fromFile = ConfigLoader.load(Optional.of(file), Map.of(), Map.of());
        assertThat(fromFile.server().port()).isEqualTo(9000);
        assertThat(fromFile.storage().imageTtl()).isEqualTo(Duration.ofMinutes(90));
        assertThat(fromFile.limits().maxFileSize()).isEqualTo(10L * 1024 * 1024);
        assertThat(fromFile.server().publicUrl()).hasValue("https://img.example.test");
        assertThat(fromFile.models().routes()).containsEntry("V_2", new ModelRoute("telea", "fast"))
                .containsEntry("MY_MODEL", new ModelRoute("telea", "quality"));

        BrushworkConfig withEnv = ConfigLoader.load(Optional.of(file),
                Map.of("BRUSHWORK_PORT", "9100", "BRUSHWORK_IMAGE_TTL", "PT2H"), Map.of());
        assertThat(withEnv.server().port()).isEqualTo(9100);
        assertThat(withEnv.storage().imageTtl()).isEqualTo(Duration.ofHours(2));

        BrushworkConfig withFlag = ConfigLoader.load(Optional.of(file), Map.of("BRUSHWORK_PORT", "9100"),
                Map.of("port", "9200"));
        assertThat(withFlag.server().port()).isEqualTo(9200);
    }

    @Test
    void routesAndBackends() throws Exception {
        Path file = dir.resolve("routes.yaml");
        Files.writeString(file, String.join("\n",
                "backends:",
                "  lama: {type: onnx, contract: lama, model: /models/lama.onnx, threads: 2}",
                "  openai: {type: openai, base-url: 'https://api.openai.com', model: gpt-image-1}",
                "models:",
                "  V_2:",
                "    route:",
                "      - {backend: lama, tier: 1, weight: 2, timeout: 2m, max-concurrent: 2, retries: 1}",
                "      - {backend: openai, tier: 1}",
                "      - {backend: patchmatch, preset: quality, tier: 2, cooldown: 1m}",
                ""));
        BrushworkConfig c = ConfigLoader.load(Optional.of(file), Map.of(), Map.of());
        assertThat(c.backends().get("lama")).isEqualTo(new BackendConfig(Optional.of("onnx"),
                Map.of("contract", "lama", "model", "/models/lama.onnx", "threads", "2"), "backends.lama in " + file));
        assertThat(c.models().routes().get("V_2").steps()).containsExactly(
                new RouteStep("lama", "default", 1, 2, Duration.ofMinutes(2), 2, 1, Duration.ofSeconds(30), false),
                new RouteStep("openai", "default", 1, 1, Duration.ofMinutes(10), 0, 2, Duration.ofSeconds(30), false),
                new RouteStep("patchmatch", "quality", 2, 1, Duration.ofMinutes(10), 0, 2, Duration.ofMinutes(1), false));
        assertThat(c.models().routes().get("V_2_TURBO")).isEqualTo(new ModelRoute("patchmatch", "fast"));

        Files.writeString(file, "models:\n  V_2:\n    route:\n      - {backend: lama, wieght: 2}\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of(), Map.of()))
                .hasMessageContaining("unknown route key 'wieght'");
        Files.writeString(file, "backends:\n  x: {model: a.onnx}\n  y: onnx\n");
        assertThat(ConfigLoader.load(Optional.of(file), Map.of(), Map.of()).backends())
                .as("the type is checked against the server's list of types (BackendsTest)")
                .containsEntry("x", new BackendConfig(Optional.empty(), Map.of("model", "a.onnx"),
                        "backends.x in " + file))
                .containsEntry("y", new BackendConfig(Optional.empty(), Map.of(), "backends.y in " + file));
    }

    @Test
    void mistakesNameTheKeyAndWhereTheValueCameFrom() throws Exception {
        Path file = dir.resolve("typo.yaml");
        Files.writeString(file, "prot: 9000\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'prot'");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("BRUSHWORK_MAX_FILE_SIZE", "lots"),
                Map.of()))
                .hasMessageContaining("max-file-size from BRUSHWORK_MAX_FILE_SIZE is 'lots'");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("port", "70000")))
                .hasMessageContaining("port from --port");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("BRUSHWORK_IMAGE_TTL", "0s"), Map.of()))
                .hasMessageContaining("positive duration");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("BRUSHWORK_PUBLIC_URL", "img.test"),
                Map.of()))
                .hasMessageContaining("http://");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("BRUSHWORK_IMAGE_STORE", "s3:/bucket"),
                Map.of()))
                .hasMessage("image-store from BRUSHWORK_IMAGE_STORE is 's3:/bucket'; expected file or"
                        + " s3://bucket/prefix");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("image-store", "s3://My_Bucket")))
                .hasMessageContaining("bucket name of 3 to 63 lower-case letters");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("image-store", "s3:///images")))
                .hasMessageContaining("bucket name");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("s3-access-key", "minio")))
                .hasMessageStartingWith("s3-access-key from --s3-access-key is set but s3-secret-key is not");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("s3-endpoint", "minio:9000")))
                .hasMessageContaining("s3-endpoint from --s3-endpoint is 'minio:9000'; expected an http://");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("image-links", "presigned")))
                .hasMessageContaining("needs an S3 image store");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("image-links", "public")))
                .hasMessageContaining("expected signed or presigned");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("image-store", "s3://bucket",
                "image-links", "presigned", "image-ttl", "8d")))
                .hasMessageContaining("longer than 7 days");
        assertThat(ConfigLoader.load(Optional.empty(), Map.of(), Map.of("image-store", "s3://bucket"))
                .storage().images().s3()).hasValue(new ImageStoreConfig.S3Location("bucket", ""));

        Path badModel = dir.resolve("model.yaml");
        Files.writeString(badModel, "models:\n  V_3: {engine: telea}\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(badModel), Map.of(), Map.of()))
                .hasMessageContaining("models.V_3").hasMessageContaining("preset");
    }

    @Test
    void everyKeyHasAnEnvironmentVariableAndASectionThatReadsIt() {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("BRUSHWORK_HOST", "127.0.0.1");
        env.put("BRUSHWORK_PORT", "9000");
        env.put("BRUSHWORK_DATA", "/srv/brushwork");
        env.put("BRUSHWORK_DATABASE_URL", "jdbc:postgresql://db.example.test/brushwork");
        env.put("BRUSHWORK_PUBLIC_URL", "https://img.example.test");
        env.put("BRUSHWORK_IMAGE_TTL", "1h");
        env.put("BRUSHWORK_SWEEP_INTERVAL", "1m");
        env.put("BRUSHWORK_MIN_FREE_DISK", "1GB");
        env.put("BRUSHWORK_MAX_FILE_SIZE", "1MB");
        env.put("BRUSHWORK_MAX_PIXELS", "1_000_000");
        env.put("BRUSHWORK_WORKERS", "3");
        env.put("BRUSHWORK_QUEUE", "0");
        env.put("BRUSHWORK_AUTH", "off");
        env.put("BRUSHWORK_MAX_INFLIGHT", "2");
        env.put("BRUSHWORK_MIN_UPLOAD_RATE", "1KB");
        env.put("BRUSHWORK_MAX_UPLOADS", "7");
        env.put("BRUSHWORK_UPLOAD_TIMEOUT", "90s");
        env.put("BRUSHWORK_HEADER_TIMEOUT", "5s");
        env.put("BRUSHWORK_MAGIC_PROMPT_LLM_URL", "http://127.0.0.1:8081");
        env.put("BRUSHWORK_MAGIC_PROMPT_LLM_MODEL", "llama3.1");
        env.put("BRUSHWORK_MAGIC_PROMPT_LLM_KEY", "k");
        env.put("BRUSHWORK_MAGIC_PROMPT_LLM_TIMEOUT", "3s");
        env.put("BRUSHWORK_DESCRIBE_LLM_URL", "http://127.0.0.1:8082/v1");
        env.put("BRUSHWORK_DESCRIBE_LLM_MODEL", "qwen2.5-vl-7b");
        env.put("BRUSHWORK_DESCRIBE_LLM_KEY", "vk");
        env.put("BRUSHWORK_DESCRIBE_LLM_TIMEOUT", "45s");
        env.put("BRUSHWORK_SAFETY_PROMPT_CHECK", "no");
        env.put("BRUSHWORK_SAFETY_PROMPT_TERMS", "terms.yaml");
        env.put("BRUSHWORK_SAFETY_CLASSIFIER_MODEL", "nsfw.onnx");
        env.put("BRUSHWORK_SAFETY_CLASSIFIER_INPUT_SIZE", "299");
        env.put("BRUSHWORK_SAFETY_CLASSIFIER_LAYOUT", "NHWC");
        env.put("BRUSHWORK_SAFETY_CLASSIFIER_MEAN", "0,0,0");
        env.put("BRUSHWORK_SAFETY_CLASSIFIER_STD", "1,1,1");
        env.put("BRUSHWORK_SAFETY_CLASSIFIER_LABELS", "neutral,porn");
        env.put("BRUSHWORK_SAFETY_CLASSIFIER_UNSAFE_LABELS", "porn");
        env.put("BRUSHWORK_SAFETY_CLASSIFIER_THRESHOLD", "0.7");
        env.put("BRUSHWORK_SAFETY_CLASSIFIER_SOFTMAX", "false");
        env.put("BRUSHWORK_IMAGE_STORE", "s3://results/brushwork/images/");
        env.put("BRUSHWORK_S3_ENDPOINT", "http://127.0.0.1:9000");
        env.put("BRUSHWORK_S3_REGION", "eu-west-1");
        env.put("BRUSHWORK_S3_ACCESS_KEY", "minio");
        env.put("BRUSHWORK_S3_SECRET_KEY", "minio-secret");
        env.put("BRUSHWORK_S3_PATH_STYLE", "true");
        env.put("BRUSHWORK_IMAGE_LINKS", "presigned");
        BrushworkConfig c = ConfigLoader.load(Optional.empty(), env, Map.of());
        assertThat(c.server()).isEqualTo(new ServerConfig("127.0.0.1", 9000, Optional.of("https://img.example.test"),
                false, Optional.empty(), ServerConfig.DEFAULT_SHUTDOWN_GRACE));
        assertThat(c.storage()).isEqualTo(new StorageConfig(Path.of("/srv/brushwork"),
                new DatabaseUrl(Optional.of("jdbc:postgresql://db.example.test/brushwork")), Duration.ofHours(1),
                Duration.ofMinutes(1), 1024L * 1024 * 1024, new ImageStoreConfig(
                Optional.of(new ImageStoreConfig.S3Location("results", "brushwork/images/")),
                Optional.of(URI.create("http://127.0.0.1:9000")), Optional.of("eu-west-1"), Optional.of("minio"),
                Optional.of("minio-secret"), true, true)));
        assertThat(c.limits()).isEqualTo(new LimitsConfig(1024 * 1024, 1_000_000, 3, 0, 7, 2, 1024,
                Duration.ofSeconds(90), Duration.ofSeconds(5)));
        assertThat(c.magicPrompt()).isEqualTo(new MagicPromptConfig("http://127.0.0.1:8081", "llama3.1", "k",
                Duration.ofSeconds(3)));
        assertThat(c.describe()).isEqualTo(new DescribeConfig("http://127.0.0.1:8082/v1", "qwen2.5-vl-7b", "vk",
                Duration.ofSeconds(45)));
        assertThat(c.safety()).isEqualTo(new SafetyConfig(false, Optional.of(Path.of("terms.yaml")),
                Optional.of(Path.of("nsfw.onnx")), "299", "NHWC", "0,0,0", "1,1,1", "neutral,porn", "porn", "0.7",
                false));
    }

    @Test
    void aDatabaseUrlIsEmptyOrPostgresqlAndItsPasswordIsNeverShown() {
        String url = "jdbc:postgresql://db.example.test:5432/bw?user=bw&password=s3cret&ssl=true";
        DatabaseUrl postgres = ConfigLoader.load(Optional.empty(), Map.of("BRUSHWORK_DATABASE_URL", url), Map.of())
                .storage().databaseUrl();
        assertThat(postgres.postgresql()).contains(url);
        assertThat(postgres.masked()).isEqualTo("jdbc:postgresql://db.example.test:5432/bw?user=bw&password=***&ssl=true");
        assertThat(postgres.toString()).doesNotContain("s3cret");
        assertThat(DatabaseUrl.mask("jdbc:postgresql://bw:s3cret@db:5432/bw")).isEqualTo("jdbc:postgresql://bw:***@db:5432/bw");
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("BRUSHWORK_DATABASE_URL", " "), Map.of()).storage()
                .databaseUrl()).isEqualTo(DatabaseUrl.SQLITE);
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(),
                Map.of("BRUSHWORK_DATABASE_URL", "jdbc:mysql://db/bw?password=s3cret"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("database-url from BRUSHWORK_DATABASE_URL is 'jdbc:mysql://db/bw?password=***'; expected"
                        + " empty (SQLite in the data directory) or"
                        + " jdbc:postgresql://host:port/database?user=...&password=...");
    }

    @Test
    void eachSectionKeepsItsDefaults() {
        BrushworkConfig c = ConfigLoader.load(Optional.empty(), Map.of(), Map.of());
        assertThat(c.server()).isEqualTo(new ServerConfig(ServerConfig.DEFAULT_HOST, ServerConfig.DEFAULT_PORT,
                Optional.empty(), ServerConfig.DEFAULT_AUTH, Optional.empty(), ServerConfig.DEFAULT_SHUTDOWN_GRACE));
        assertThat(c.storage()).isEqualTo(new StorageConfig(StorageConfig.DEFAULT_DATA,
                DatabaseUrl.SQLITE, StorageConfig.DEFAULT_IMAGE_TTL, StorageConfig.DEFAULT_SWEEP_INTERVAL,
                StorageConfig.DEFAULT_MIN_FREE_DISK, ImageStoreConfig.FILES));
        assertThat(c.limits()).isEqualTo(new LimitsConfig(LimitsConfig.DEFAULT_MAX_FILE_SIZE,
                LimitsConfig.DEFAULT_MAX_PIXELS, LimitsConfig.defaultWorkers(), LimitsConfig.defaultQueue(),
                LimitsConfig.defaultUploads(LimitsConfig.defaultWorkers(), LimitsConfig.defaultQueue()), LimitsConfig.DEFAULT_MAX_INFLIGHT, LimitsConfig.DEFAULT_MIN_UPLOAD_RATE,
                LimitsConfig.DEFAULT_UPLOAD_TIMEOUT, LimitsConfig.DEFAULT_HEADER_TIMEOUT));
        assertThat(c.magicPrompt()).isEqualTo(new MagicPromptConfig("", "", "", Duration.ofSeconds(10)));
        assertThat(c.describe()).isEqualTo(new DescribeConfig("", "", "", Duration.ofSeconds(30)));
        assertThat(c.safety().promptCheck()).isTrue();
        assertThat(c.safety().classifierModel()).isEmpty();
        assertThat(c.safety().classifierInputSize()).isEqualTo("224x224");
        assertThat(c.models()).isEqualTo(ModelsConfig.DEFAULT);
        assertThat(c.models().renderingSpeeds()).containsExactly(Map.entry("FLASH", "V_2_TURBO"),
                Map.entry("TURBO", "V_2_TURBO"), Map.entry("BALANCED", "V_2"), Map.entry("DEFAULT", "V_2"),
                Map.entry("QUALITY", "V_2"));
        assertThat(c.backends()).isEmpty();
    }

    @Test
    void anUnknownKeyListsTheKnownOnesInTheReadmesOrder() throws Exception {
        Path file = dir.resolve("typo.yaml");
        Files.writeString(file, "max-inflite: 3\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of(), Map.of()))
                .hasMessage("unknown key 'max-inflite' in " + file + "; known keys: host, port, public-url, auth, metrics-token,"
                        + " shutdown-grace,"
                        + " data, database-url, image-ttl, sweep-interval, min-free-disk, image-store, s3-endpoint,"
                        + " s3-region, s3-access-key, s3-secret-key, s3-path-style, image-links, max-file-size,"
                        + " max-pixels, workers, queue, max-uploads, max-inflight, min-upload-rate, upload-timeout,"
                        + " header-timeout,"
                        + " magic-prompt-llm-url, magic-prompt-llm-model, magic-prompt-llm-key,"
                        + " magic-prompt-llm-timeout, describe-llm-url, describe-llm-model, describe-llm-key,"
                        + " describe-llm-timeout, safety-prompt-check, safety-prompt-terms,"
                        + " safety-classifier-model, safety-classifier-input-size, safety-classifier-layout,"
                        + " safety-classifier-mean, safety-classifier-std, safety-classifier-labels,"
                        + " safety-classifier-unsafe-labels, safety-classifier-threshold, safety-classifier-softmax,"
                        + " backends, models, rendering-speeds");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("prot", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a configuration key: prot");

        Path nested = dir.resolve("nested.yaml");
        Files.writeString(nested, "port: {number: 9000}\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(nested), Map.of(), Map.of()))
                .hasMessage("port in " + nested + " must be a single value");
        Files.writeString(nested, "ports: {number: 9000}\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(nested), Map.of(), Map.of()))
                .hasMessageStartingWith("unknown key 'ports' in " + nested);
    }

    /** Secrets stay out of the file: {@code ${NAME}} is read from the environment, in scalars and in backends. */
    @Test
    void environmentReferencesInTheFileAreReplaced() throws Exception {
        Path file = dir.resolve("refs.yaml");
        Files.writeString(file, String.join("\n",
                "public-url: https://${PUBLIC_HOST}",
                "magic-prompt-llm-key: ${LLM_KEY:-none}",
                "describe-llm-key: ${VISION_KEY}",
                "backends:",
                "  cloud:",
                "    type: ideogram",
                "    api-key: \"${IDEOGRAM_KEY}\"",
                "    url: \"https://api.example.test/$${literal}\"",
                ""));
        BrushworkConfig c = ConfigLoader.load(Optional.of(file), Map.of("PUBLIC_HOST", "img.example.test",
                "IDEOGRAM_KEY", "ik-123", "LLM_KEY", "", "VISION_KEY", "vk-123"), Map.of());
        assertThat(c.server().publicUrl()).contains("https://img.example.test");
        assertThat(c.magicPrompt().llmKey()).isEqualTo("none");
        assertThat(c.describe().llmKey()).isEqualTo("vk-123");
        assertThat(c.backends().get("cloud").settings()).containsEntry("api-key", "ik-123")
                .containsEntry("url", "https://api.example.test/${literal}");
    }

    @Test
    void anUnsetEnvironmentReferenceNamesTheKeyAndTheVariable() throws Exception {
        Path file = dir.resolve("unset.yaml");
        Files.writeString(file, "backends:\n  cloud:\n    type: ideogram\n    api-key: ${IDEOGRAM_KEY}\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("backends.cloud.api-key in " + file + " refers to ${IDEOGRAM_KEY}, which is not set in"
                        + " the environment; set it, or give a fallback as ${IDEOGRAM_KEY:-value}");
    }

    /** The describe keys are read as the magic-prompt ones are: file, then environment, then flags. */
    @Test
    void describeKeysComeFromTheFileThenTheEnvironmentThenFlags() throws Exception {
        Path file = dir.resolve("describe.yaml");
        Files.writeString(file, String.join("\n",
                "describe-llm-url: http://127.0.0.1:8082",
                "describe-llm-model: llava",
                "describe-llm-key: ${VISION_KEY:-}",
                "describe-llm-timeout: 1m",
                ""));
        assertThat(ConfigLoader.load(Optional.of(file), Map.of(), Map.of()).describe())
                .isEqualTo(new DescribeConfig("http://127.0.0.1:8082", "llava", "", Duration.ofMinutes(1)));
        assertThat(ConfigLoader.load(Optional.of(file), Map.of("VISION_KEY", "vk-1",
                "BRUSHWORK_DESCRIBE_LLM_MODEL", "qwen2.5-vl-7b"), Map.of()).describe())
                .isEqualTo(new DescribeConfig("http://127.0.0.1:8082", "qwen2.5-vl-7b", "vk-1", Duration.ofMinutes(1)));
        assertThat(ConfigLoader.load(Optional.of(file), Map.of("BRUSHWORK_DESCRIBE_LLM_TIMEOUT", "5s"),
                Map.of("describe-llm-timeout", "7s", "describe-llm-url", "https://vision.example.test/v1")).describe())
                .isEqualTo(new DescribeConfig("https://vision.example.test/v1", "llava", "", Duration.ofSeconds(7)));
        // Checked even with no URL set, so that setting one later cannot reveal an old mistake.
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("BRUSHWORK_DESCRIBE_LLM_TIMEOUT", "soon"),
                Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("describe-llm-timeout from BRUSHWORK_DESCRIBE_LLM_TIMEOUT is 'soon'; expected");
    }

    /** Reading places follow the workers and queue the operator set, not the machine's defaults. */
    @Test
    void maxUploadsDefaultsToFourTimesTheConfiguredWorkersAndQueue() {
        BrushworkConfig c = ConfigLoader.load(Optional.empty(), Map.of("BRUSHWORK_WORKERS", "3",
                "BRUSHWORK_QUEUE", "5"), Map.of());
        assertThat(c.limits().uploads()).isEqualTo(32);
    }
}
