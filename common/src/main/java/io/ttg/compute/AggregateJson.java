package io.ttg.compute;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads and writes stored aggregates. Non-finite doubles (NaN, infinities) are written as JSON
 * strings, which {@link JsonNode#asDouble()} reads back.
 */
public final class AggregateJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AggregateJson() {}

    /** Returns a JSON object of alternating field names and values, in the given order. */
    public static String write(Object... namesAndValues) {
        java.util.Map<Object, Object> fields = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        try {
            return MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write aggregate " + fields, e);
        }
    }

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
