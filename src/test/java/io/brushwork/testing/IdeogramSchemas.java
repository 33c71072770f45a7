package io.brushwork.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.util.Set;
import java.util.stream.Collectors;

/** Validates JSON against the schemas of Ideogram's OpenAPI 3.0 description (a subset kept in test resources). */
public final class IdeogramSchemas {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            builder -> builder.metaSchema(OpenApi30.getInstance())
                    .defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private IdeogramSchemas() {
    }

    /** The problems found validating {@code json} against {@code components/schemas/<name>}; empty if none. */
    public static String problems(String name, JsonNode json) {
        JsonSchema schema = FACTORY.getSchema(
                SchemaLocation.of("classpath:ideogram/schemas.json#/components/schemas/" + name), CONFIG);
        Set<ValidationMessage> messages = schema.validate(json);
        return messages.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; "));
    }
}
