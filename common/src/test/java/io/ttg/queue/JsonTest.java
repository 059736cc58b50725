package io.ttg.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    private static final RunSpec SPEC = new RunSpec("json-test", 1_000, 10, "simulate",
            Map.of("work-ms", "5", "alpha", "x"), 4, 2_500, true, 1_700_000_000_000L);

    @Test
    void parseSpec_specJson_returnsEqualSpec() {
        RunSpec parsed = Json.parseSpec("key", Json.specJson(SPEC));

        assertThat(parsed).isEqualTo(SPEC);
    }

    @Test
    void specJson_listsOptionsByKey() {
        assertThat(Json.specJson(SPEC)).contains("\"options\":{\"alpha\":\"x\",\"work-ms\":\"5\"}");
    }

    @Test
    void parseSpec_unknownField_isIgnored() {
        String json = Json.specJson(SPEC).replace("{\"runId\"", "{\"addedLater\":1,\"runId\"");

        assertThat(Json.parseSpec("key", json)).isEqualTo(SPEC);
    }

    @Test
    void fingerprint_ignoresCreationTime() {
        assertThat(Json.fingerprint(SPEC)).isEqualTo(Json.fingerprint(SPEC.withCreatedAt(7)));
    }

    @Test
    void differences_listsChangedFieldsOnly() {
        RunSpec other = new RunSpec("json-test", 2_000, 10, "simulate", Map.of("work-ms", "5",
                "alpha", "x"), 5, 2_500, true, 0);

        assertThat(Json.differences(SPEC, other))
                .isEqualTo("totalParameters 1000 (requested 2000), maxAttempts 4 (requested 5)");
    }

    @Test
    void differences_otherCreationTimeOnly_isEmpty() {
        assertThat(Json.differences(SPEC, SPEC.withCreatedAt(1))).isEmpty();
    }
}
