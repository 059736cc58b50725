package io.ttg.compute;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Parses stored aggregates for the built-in {@link Aggregate} types. */
public final class AggregateJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AggregateJson() {}

    /**
     * Parses {@code json} and checks that it has {@code field}.
     *
     * @throws IllegalArgumentException if the JSON is malformed or lacks the field
     */
    public static JsonNode read(String json, String field) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.has(field)) {
                throw new IllegalArgumentException("aggregate " + json + " has no field '"
                        + field + "'");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("aggregate is not JSON: " + json, e);
        }
    }
}
