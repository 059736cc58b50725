package io.ttg.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ttg.CorruptKeyException;
import java.util.Map;

/** JSON of run specs and stored entries, with stable key order. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {}

    static String specJson(RunSpec spec) {
        try {
            return MAPPER.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the spec of run " + spec.runId(), e);
        }
    }

    /** Returns the spec's JSON without its creation time, to compare two specs' work. */
    static String fingerprint(RunSpec spec) {
        return specJson(spec.withCreatedAt(0));
    }

    static RunSpec parseSpec(String key, String json) {
        try {
            return MAPPER.readValue(json, RunSpec.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new CorruptKeyException(key, "key " + key + " does not hold a TTG run spec ("
                    + firstLine(e.getMessage()) + "); delete the key or use another --run", e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parseMap(String key, String json) {
        try {
            return MAPPER.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new CorruptKeyException(key, "key " + key + " holds an entry that is not"
                    + " JSON (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
