package org.lampyris.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.lampyris.api.charging.ChargePointStatus;
import org.lampyris.api.charging.Session;

class StatusMappingTest {
    private static final Session SESSION = new Session(1, "card", Instant.EPOCH, Instant.EPOCH, 0, 0, null);

    private static ChargePointStatus status(String state, Session session, double limit) {
        return new ChargePointStatus(Instant.EPOCH, state, 0, limit, 0, 0, session, null);
    }

    @Test
    void iec61851StatesBecomeOcppConnectorStatuses() {
        assertThat(StatusMapping.of(status("A", null, 0), null, true).status()).isEqualTo("Available");
        assertThat(StatusMapping.of(status("B", null, 0), "Available", true).status()).isEqualTo("Preparing");
        assertThat(StatusMapping.of(status("C", SESSION, 16), "Preparing", true).status()).isEqualTo("Charging");
        assertThat(StatusMapping.of(status("B", SESSION, 16), "Charging", true).status()).as("full")
                .isEqualTo("SuspendedEV");
        assertThat(StatusMapping.of(status("B", SESSION, 0), "Charging", true).status()).as("no current offered")
                .isEqualTo("SuspendedEVSE");
        assertThat(StatusMapping.of(status("B", null, 0), "Charging", true).status()).as("session over, car still there")
                .isEqualTo("Finishing");
    }

    @Test
    void faultsBecomeFaultedWithAnErrorCode() {
        assertThat(StatusMapping.of(status("F", null, 0), null, true)).extracting(StatusMapping.Connector::status,
                StatusMapping.Connector::errorCode).containsExactly("Faulted", "InternalError");
        assertThat(StatusMapping.of(status("E", null, 0), null, true)).extracting(StatusMapping.Connector::status,
                StatusMapping.Connector::errorCode).containsExactly("Faulted", "EVCommunicationError");
    }

    @Test
    void outOfServiceIsUnavailableUnlessASessionRunsOrItIsFaulted() {
        assertThat(StatusMapping.of(status("A", null, 0), "Available", false).status()).isEqualTo("Unavailable");
        assertThat(StatusMapping.of(status("B", null, 0), "Charging", false).status()).isEqualTo("Unavailable");
        assertThat(StatusMapping.of(status("C", SESSION, 16), "Charging", false).status()).isEqualTo("Charging");
        assertThat(StatusMapping.of(status("F", null, 0), null, false).status()).isEqualTo("Faulted");
    }
}
