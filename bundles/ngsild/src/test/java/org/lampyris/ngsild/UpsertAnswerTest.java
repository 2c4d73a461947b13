package org.lampyris.ngsild;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class UpsertAnswerTest {
    private static final List<String> IDS = List.of("urn:a", "urn:b", "urn:c");

    @Test
    void createdAndUpdatedTakeTheWholeBatch() {
        assertThat(UpsertAnswer.of(IDS, 201, "[\"urn:a\",\"urn:b\",\"urn:c\"]").taken()).containsAll(IDS);
        assertThat(UpsertAnswer.of(IDS, 204, "").taken()).containsAll(IDS);
    }

    @Test
    void aMultiStatusTellsEachEntitysFateWithTheBrokersReason() {
        UpsertAnswer a = UpsertAnswer.of(IDS, 207, """
                {"success": ["urn:a"], "errors": [{"entityId": "urn:b", "error": {
                  "type": "https://uri.etsi.org/ngsi-ld/errors/BadRequestData", "title": "Bad request data",
                  "detail": "illuminanceLevel out of range"}}]}""");
        assertThat(a.taken()).containsExactly("urn:a");
        assertThat(a.refused()).containsEntry("urn:b", "Bad request data: illuminanceLevel out of range")
                .containsEntry("urn:c", "not in the broker's 207 answer");
        assertThat(a.problem()).isNull();
    }

    @Test
    void aFailureOfTheWholeBatchSaysWhetherItIsAboutWhatWasSent() {
        UpsertAnswer bad = UpsertAnswer.of(IDS, 400, "{\"type\":\"https://uri.etsi.org/ngsi-ld/errors/InvalidRequest\","
                + "\"title\":\"Invalid request\"}");
        assertThat(bad.problem()).isEqualTo("400 Invalid request");
        assertThat(bad.entityProblem()).isTrue();
        UpsertAnswer down = UpsertAnswer.of(IDS, 503, "<html>maintenance</html>");
        assertThat(down.problem()).isEqualTo("503 <html>maintenance</html>");
        assertThat(down.entityProblem()).isFalse();
        assertThat(UpsertAnswer.of(IDS, 401, "").entityProblem()).isFalse();
    }
}
