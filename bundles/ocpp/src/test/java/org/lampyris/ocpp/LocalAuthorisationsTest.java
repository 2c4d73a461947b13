package org.lampyris.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalAuthorisationsTest {
    private static final Instant NOW = Instant.parse("2026-12-21T17:00:00Z");
    @TempDir
    Path dir;

    private static Map<String, Object> entry(String idTag, String status) {
        return Map.of("idTag", idTag, "idTagInfo", Map.of("status", status));
    }

    @Test
    void theLocalListIsReplacedOrUpdatedByVersionAndOutlivesARestart() throws Exception {
        Path file = dir.resolve(ChargePointLink.AUTHORISATIONS_FILE);
        LocalAuthorisations local = new LocalAuthorisations(file);
        assertThat(local.version()).isZero();
        assertThat(local.update(Map.of("listVersion", 3L, "updateType", "Full", "localAuthorizationList",
                List.of(entry("card-1", "Accepted"), entry("card-2", "Blocked"))))).isEqualTo("Accepted");
        assertThat(local.update(Map.of("listVersion", 3L, "updateType", "Differential", "localAuthorizationList",
                List.of(entry("card-3", "Accepted"))))).isEqualTo("VersionMismatch");
        assertThat(local.update(Map.of("listVersion", 4L, "updateType", "Differential", "localAuthorizationList",
                List.of(Map.of("idTag", "card-2"))))).isEqualTo("Accepted");

        LocalAuthorisations again = new LocalAuthorisations(file);
        assertThat(again.version()).isEqualTo(4);
        assertThat(again.status("card-1", NOW)).isEqualTo("Accepted");
        assertThat(again.status("card-2", NOW)).as("removed by the differential update").isNull();
    }

    @Test
    void theCacheRemembersTheCsmsAnswersUntilTheyExpireOrAreCleared() {
        LocalAuthorisations local = new LocalAuthorisations(null);
        local.remember("card-9", Map.of("status", "Accepted", "expiryDate", NOW.plusSeconds(60).toString()));
        assertThat(local.status("card-9", NOW)).isEqualTo("Accepted");
        assertThat(local.status("card-9", NOW.plusSeconds(61))).isEqualTo("Expired");
        local.clearCache();
        assertThat(local.status("card-9", NOW)).isNull();
    }
}
