package org.lampyris.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.api.charging.ChargePointStatus;
import org.lampyris.api.charging.Session;
import org.lampyris.api.charging.SessionEnd;

class TransactionRecorderTest {
    private static final Instant T0 = Instant.parse("2026-12-21T17:00:00Z");
    @TempDir
    Path dir;

    private static Session running(long id, double energy) {
        return new Session(id, "card-1", T0, T0.plusSeconds(60), 1000, energy, null);
    }

    private static ChargePointStatus status(String state, Session session, Session lastEnded, double meter) {
        return new ChargePointStatus(T0.plusSeconds(60), state, 16, 16, 3680, meter, session, lastEnded);
    }

    @Test
    void aSessionIsStartedOnceAlsoWhenItIsToldAgainAfterARestart() {
        Path file = dir.resolve(ChargePointLink.OUTBOX_FILE);
        Outbox outbox = new Outbox(file, 100);
        TransactionRecorder recorder = new TransactionRecorder(outbox, "FREE");
        recorder.observed(status("C", running(3, 0), null, 1000));
        recorder.observed(status("C", running(3, 50), null, 1050));
        assertThat(outbox.size()).isEqualTo(1);
        assertThat(outbox.head().payload()).containsEntry("idTag", "card-1").containsEntry("meterStart", 1000L)
                .containsEntry("connectorId", 1).containsEntry("timestamp", T0.toString());

        Outbox after = new Outbox(file, 100);
        new TransactionRecorder(after, "FREE").observed(status("C", running(3, 80), null, 1080));
        assertThat(after.size()).as("no second StartTransaction").isEqualTo(1);
    }

    @Test
    void anEndedSessionIsStoppedWithItsMeterReadingAndReason() {
        Outbox outbox = new Outbox(null, 100);
        TransactionRecorder recorder = new TransactionRecorder(outbox, "FREE");
        recorder.observed(status("C", running(3, 0), null, 1000));
        Session ended = new Session(3, "card-1", T0, T0.plusSeconds(3600), 1000, 3680, SessionEnd.UNPLUGGED);
        recorder.observed(status("A", null, ended, 4680));
        outbox.delivered(outbox.head(), Map.of("transactionId", 9L));
        Outbox.Entry stop = outbox.head();
        assertThat(stop.action()).isEqualTo(Outbox.STOP);
        assertThat(stop.payload()).containsEntry("meterStop", 4680L).containsEntry("reason", "EVDisconnected")
                .containsEntry("timestamp", T0.plusSeconds(3600).toString());
        assertThat(outbox.open()).isEmpty();
    }

    @Test
    void aSessionTheCsmsStoppedEndsWithReasonRemoteAndFreeChargingHasTheConfiguredIdTag() {
        Outbox outbox = new Outbox(null, 100);
        TransactionRecorder recorder = new TransactionRecorder(outbox, "FREE-POST");
        Session free = new Session(4, null, T0, T0, 1000, 0, null);
        recorder.observed(status("C", free, null, 1000));
        assertThat(outbox.head().payload()).containsEntry("idTag", "FREE-POST");
        outbox.delivered(outbox.head(), Map.of("transactionId", 12L));
        assertThat(recorder.sessionOf(12)).isEqualTo(4L);
        recorder.stoppedByCsms(4, "Remote");
        recorder.observed(status("B", null, new Session(4, null, T0, T0.plusSeconds(10), 1000, 10,
                SessionEnd.STOPPED), 1010));
        assertThat(outbox.head().payload()).containsEntry("reason", "Remote");
    }

    @Test
    void periodicMeterValuesCarryEnergyPowerAndCurrentOfTheOpenTransactionOnly() {
        Outbox outbox = new Outbox(null, 100);
        TransactionRecorder recorder = new TransactionRecorder(outbox, "FREE");
        recorder.sample(status("C", running(5, 0), null, 1000), T0);
        assertThat(outbox.size()).as("no transaction open").isZero();
        recorder.observed(status("C", running(5, 0), null, 1000));
        recorder.sample(status("C", running(5, 20), null, 1020), T0.plusSeconds(60));
        outbox.delivered(outbox.head(), Map.of("transactionId", 1L));
        assertThat(org.lampyris.internal.json.Json.write(outbox.head().payload()))
                .contains("\"value\":\"1020\",\"context\":\"Sample.Periodic\",\"format\":\"Raw\","
                        + "\"measurand\":\"Energy.Active.Import.Register\",\"location\":\"Outlet\",\"unit\":\"Wh\"")
                .contains("\"measurand\":\"Power.Active.Import\"").contains("\"measurand\":\"Current.Import\"");
    }
}
