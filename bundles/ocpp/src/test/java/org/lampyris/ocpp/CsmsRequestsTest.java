package org.lampyris.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.lampyris.api.Subscription;
import org.lampyris.api.charging.ChargePoint;
import org.lampyris.api.charging.ChargePointStatus;
import org.lampyris.api.charging.Session;
import org.lampyris.api.point.InvalidValueException;

class CsmsRequestsTest {
    private final List<String> started = new ArrayList<>();
    private final List<String> triggered = new ArrayList<>();
    private final List<String> resets = new ArrayList<>();
    private final List<Boolean> availability = new ArrayList<>();
    private final Outbox outbox = new Outbox(null, 100);
    private final TransactionRecorder transactions = new TransactionRecorder(outbox, "FREE");
    private final CsmsRequests requests = new CsmsRequests(new Plugged(), new ConfigurationKeys(
            TestConfig.of(Map.of()), null), transactions, seconds -> { }, triggered::add, null, new LocalAuthorisations(null), resets::add);

    /** A charge point with a car plugged in, that starts sessions when asked. */
    private final class Plugged implements ChargePoint {
        @Override
        public ChargePointStatus status() {
            return new ChargePointStatus(Instant.EPOCH, "B", 0, 0, 0, 0);
        }

        @Override
        public Subscription onChange(Consumer<ChargePointStatus> listener) {
            return () -> { };
        }

        @Override
        public Session start(String identifier) throws InvalidValueException {
            if (identifier.equals("blocked")) {
                throw new InvalidValueException("no");
            }
            started.add(identifier);
            return new Session(1, identifier, Instant.EPOCH, Instant.EPOCH, 0, 0, null);
        }

        @Override
        public org.lampyris.api.charging.AvailabilityChange setOperative(boolean operative) {
            availability.add(operative);
            return org.lampyris.api.charging.AvailabilityChange.NOW;
        }
    }

    @Test
    void changeAvailabilityIsAcceptedOnTheConnectorOrTheWholePostAndRejectedWhereThePluginCannot() {
        assertThat(answer("ChangeAvailability", Map.of("connectorId", 0L, "type", "Inoperative")))
                .isEqualTo(new Frame.Result("c1", Map.of("status", "Accepted")));
        assertThat(answer("ChangeAvailability", Map.of("connectorId", 1L, "type", "Operative")))
                .isEqualTo(new Frame.Result("c1", Map.of("status", "Accepted")));
        assertThat(answer("ChangeAvailability", Map.of("connectorId", 2L, "type", "Inoperative")))
                .as("the post has one connector").isEqualTo(new Frame.Result("c1", Map.of("status", "Rejected")));
        assertThat(availability).containsExactly(false, true);
        CsmsRequests unable = new CsmsRequests(new ChargePoint() {
            @Override
            public ChargePointStatus status() {
                return null;
            }

            @Override
            public Subscription onChange(Consumer<ChargePointStatus> listener) {
                return () -> { };
            }
        }, new ConfigurationKeys(TestConfig.of(Map.of()), null), transactions, seconds -> { }, triggered::add, null,
                new LocalAuthorisations(null), resets::add);
        assertThat(unable.answer(new Frame.Call("c2", "ChangeAvailability", Map.of("connectorId", 1L, "type",
                "Inoperative")))).as("a plugin that cannot be taken out of service")
                .isEqualTo(new Frame.Result("c2", Map.of("status", "Rejected")));
    }

    private Frame answer(String action, Map<String, Object> payload) {
        return requests.answer(new Frame.Call("c1", action, payload));
    }

    @Test
    void aRemoteStartStartsASessionOnTheCapability() {
        assertThat(answer("RemoteStartTransaction", Map.of("idTag", "card-1", "connectorId", 1L)))
                .isEqualTo(new Frame.Result("c1", Map.of("status", "Accepted")));
        assertThat(answer("RemoteStartTransaction", Map.of("idTag", "blocked")))
                .isEqualTo(new Frame.Result("c1", Map.of("status", "Rejected")));
        assertThat(answer("RemoteStartTransaction", Map.of("idTag", "card-1", "connectorId", 2L)))
                .as("the post has one connector").isEqualTo(new Frame.Result("c1", Map.of("status", "Rejected")));
        assertThat(started).containsExactly("card-1");
    }

    @Test
    void aMalformedCallIsAnsweredWithTheErrorThatNamesTheFieldAndChangesNothing() {
        assertThat(answer("RemoteStartTransaction", Map.of())).isEqualTo(
                new Frame.Error("c1", "OccurenceConstraintViolation", "idTag is required"));
        assertThat(answer("RemoteStartTransaction", Map.of("idTag", 42L))).isEqualTo(
                new Frame.Error("c1", "TypeConstraintViolation", "idTag must be a string"));
        assertThat(answer("RemoteStartTransaction", Map.of("idTag", "123456789012345678901"))).isEqualTo(
                new Frame.Error("c1", "PropertyConstraintViolation", "idTag is at most 20 characters"));
        assertThat(answer("ChangeConfiguration", Map.of("key", "HeartbeatInterval"))).isEqualTo(
                new Frame.Error("c1", "OccurenceConstraintViolation", "value is required"));
        assertThat(started).isEmpty();
    }

    @Test
    void callsThePostDoesNotCarryOutAreAnsweredNotSupportedOrNotImplemented() {
        assertThat(answer("ReserveNow", Map.of())).extracting(f -> ((Frame.Error) f).code())
                .isEqualTo("NotSupported");
        assertThat(answer("MakeCoffee", Map.of())).extracting(f -> ((Frame.Error) f).code())
                .isEqualTo("NotImplemented");
    }

    @Test
    void aTriggerMessageIsAcceptedForWhatThePostSendsAndTheMessageFollows() {
        assertThat(answer("TriggerMessage", Map.of("requestedMessage", "StatusNotification", "connectorId", 1L)))
                .isEqualTo(new Frame.Result("c1", Map.of("status", "Accepted")));
        assertThat(answer("TriggerMessage", Map.of("requestedMessage", "FirmwareStatusNotification")))
                .isEqualTo(new Frame.Result("c1", Map.of("status", "NotImplemented")));
        assertThat(triggered).containsExactly("StatusNotification");
    }

    @Test
    void aResetIsAcceptedAndCarriedOutAfterTheAnswerAndAnUnlockWithoutASessionIsUnlocked() {
        assertThat(answer("Reset", Map.of("type", "Soft"))).isEqualTo(new Frame.Result("c1",
                Map.of("status", "Accepted")));
        assertThat(answer("Reset", Map.of("type", "Later"))).isInstanceOf(Frame.Error.class);
        assertThat(resets).containsExactly("Soft");
        assertThat(answer("UnlockConnector", Map.of("connectorId", 1L))).isEqualTo(new Frame.Result("c1",
                Map.of("status", "Unlocked")));
        assertThat(answer("UnlockConnector", Map.of("connectorId", 2L))).isEqualTo(new Frame.Result("c1",
                Map.of("status", "NotSupported")));
    }

    @Test
    void aRemoteStopOfATransactionThatDoesNotRunIsRejected() {
        assertThat(answer("RemoteStopTransaction", Map.of("transactionId", 77L)))
                .isEqualTo(new Frame.Result("c1", Map.of("status", "Rejected")));
    }
}
