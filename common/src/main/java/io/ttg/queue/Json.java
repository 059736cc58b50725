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

    /**
     * Returns the fields in which {@code requested} differs from {@code existing}, such as
     * {@code totalParameters 1000 (requested 2000)}; the creation time is ignored.
     */
    @SuppressWarnings("unchecked")
    static String differences(RunSpec existing, RunSpec requested) {
        Map<String, Object> before = MAPPER.convertValue(existing.withCreatedAt(0), Map.class);
        Map<String, Object> after = MAPPER.convertValue(requested.withCreatedAt(0), Map.class);
        StringBuilder text = new StringBuilder();
        before.forEach((field, value) -> {
            Object other = after.get(field);
            if (!java.util.Objects.equals(value, other)) {
                text.append(text.length() == 0 ? "" : ", ").append(field).append(' ')
                        .append(value).append(" (requested ").append(other).append(')');
            }
        });
        return text.toString();
    }

    /** Returns the message for a run id that holds a spec with other work. */
    static String conflictMessage(RunSpec existing, RunSpec requested) {
        return "run '" + requested.runId() + "' already exists with other work: "
                + differences(existing, requested) + ". Use another --run, or delete the run"
                + " first with: ttg-producer delete --run " + requested.runId();
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
