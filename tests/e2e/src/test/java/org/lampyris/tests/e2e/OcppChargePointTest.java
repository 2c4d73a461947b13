package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.testkit.Await;
import org.lampyris.testkit.CoapTestClient;
import org.lampyris.testkit.TestCertificates;

/**
 * The post's charge point run by a charge-point operator's central system over OCPP 1.6J: a CSMS built on
 * {@code ocpp-rpc} in strict mode, so that every message the post sends or answers is checked against the OCPP 1.6
 * JSON schemas. The post boots and registers, a car plugged in the simulator is started remotely, charges with
 * meter values, at a current a charging profile lowers, and the transaction messages that could not be delivered while the CSMS was away, over a restart
 * of the post, arrive in order and once when it comes back; an identifier the CSMS refuses is refused at the post, and
 * offline the local list decides.
 */
class OcppChargePointTest {
    private static final String IDENTITY = "LAMPPOST-1";
    private final List<AutoCloseable> running = new ArrayList<>();
    @TempDir
    Path work;

    @BeforeAll
    static void needsNode() {
        assumeTrue(Csms.available(), "Node.js and npm are not installed: the OCPP tests run their CSMS on them");
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    @Test
    void aCsmsRunsTheChargePointAndGetsEveryTransactionMessageOnceInOrderAfterAnOutageAndARestart()
            throws Exception {
        Csms csms = Csms.start(2);
        running.add(csms);
        csms.answerBoot("Pending", 1);
        String url = "--ocpp-csms=ws://127.0.0.1:" + csms.port + "/ocpp/" + IDENTITY;
        LampPost post = LampPost.start("ocpp-post", work.resolve("post"), url);
        running.add(post);

        csms.await("a BootNotification sent again while Pending", e -> csms.calls("BootNotification").size() >= 2);
        assertThat(csms.calls("StatusNotification")).as("nothing but BootNotification before Accepted").isEmpty();
        csms.answerBoot("Accepted", 2);
        csms.awaitCall("StatusNotification", p -> p.get("status").equals("Available"));
        csms.await("a Heartbeat at the CSMS's interval", e -> !csms.calls("Heartbeat").isEmpty());
        int told = csms.calls("StatusNotification").size();
        assertThat(csms.call("TriggerMessage", Map.of("requestedMessage", "StatusNotification")))
                .containsEntry("result", Map.of("status", "Accepted"));
        csms.await("the triggered StatusNotification", e -> csms.calls("StatusNotification").size() > told);
        assertThat(refusedConfiguration(post, "org.lampyris.ocpp", "{\"csms.url\": \"http://csms.example/ocpp/CP\"}"))
                .contains("must be wss://host:port/path/CHARGEPOINT-ID").contains("nothing was changed");
        post.configure("org.lampyris.ocpp", "{\"reconnect.max.s\": 1, \"basic.auth.password\": \"wrong\"}");
        csms.await("a wrong password refused", e -> e.get("event").equals("refused"));
        LampPost first = post;
        Await.until("the refusal in the post's log", () -> first.log().contains(
                "the CSMS refused the charge point's identity or password (HTTP 401)"));
        int boots = csms.calls("BootNotification").size();
        post.configure("org.lampyris.ocpp", "{\"basic.auth.password\": \"cp-secret\"}");
        csms.await("a BootNotification after the new configuration",
                e -> csms.calls("BootNotification").size() > boots);
        assertThat(csms.events().stream().filter(e -> e.get("event").equals("connected")).map(e -> e.get("password")))
                .as("HTTP Basic authentication from the new configuration").containsExactly(null, "cp-secret");
        assertThat(csms.callRaw("ChangeConfiguration", Map.of("key", "HeartbeatInterval")))
                .as("a call that breaks the schema").element(2).isEqualTo("OccurenceConstraintViolation");
        assertThat(Json.string(csms.call("GetConfiguration", Map.of("key", List.of("HeartbeatInterval")))))
                .as("unchanged").contains("\"value\":\"2\"");
        assertThat(post.engineerGet("/mgmt/config/org.lampyris.ocpp")).contains("\"basic.auth.password\":\"(hidden)\"")
                .doesNotContain("cp-secret");
        csms.awaitCall("StatusNotification", p -> p.get("status").equals("Available"));

        assertThat(csms.call("ChangeConfiguration", Map.of("key", "MeterValueSampleInterval", "value", "1")))
                .containsEntry("result", Map.of("status", "Accepted"));
        assertThat(csms.call("ChangeConfiguration", Map.of("key", "NumberOfConnectors", "value", "2")))
                .as("a read-only key").containsEntry("result", Map.of("status", "Rejected"));
        Map<String, Object> keys = csms.call("GetConfiguration",
                Map.of("key", List.of("MeterValueSampleInterval", "NoSuchKey")));
        assertThat(Json.string(keys)).contains("\"key\":\"MeterValueSampleInterval\"").contains("\"value\":\"1\"")
                .contains("\"unknownKey\":[\"NoSuchKey\"]");
        assertThat(csms.call("RemoteStartTransaction", Map.of("idTag", "card-1")))
                .as("no car is plugged in").containsEntry("result", Map.of("status", "Rejected"));
        assertThat(csms.call("SendLocalList", Map.of("listVersion", 1, "updateType", "Full",
                "localAuthorizationList", List.of(Map.of("idTag", "local-card", "idTagInfo",
                        Map.of("status", "Accepted")))))).containsEntry("result", Map.of("status", "Accepted"));
        assertThat(csms.call("GetLocalListVersion", Map.of())).containsEntry("result", Map.of("listVersion", 1L));

        post.configure("org.lampyris.hal.sim.ev", "{\"vehicle.connected\": true, \"arrivals.per.day\": 0}");
        csms.awaitCall("StatusNotification", p -> p.get("status").equals("Preparing"));
        assertThat(presentCard(post, "bad-card")).as("refused online by the CSMS")
                .contains("the identifier is refused: the charge-point operator answers Invalid");
        csms.awaitCall("Authorize", p -> p.get("idTag").equals("bad-card"));
        assertThat(csms.call("RemoteStartTransaction", Map.of("idTag", "card-1")))
                .containsEntry("result", Map.of("status", "Accepted"));
        Map<String, Object> start = csms.awaitCall("StartTransaction", p -> p.get("idTag").equals("card-1"));
        csms.awaitCall("StatusNotification", p -> p.get("status").equals("Charging"));
        csms.awaitCall("MeterValues", p -> p.get("transactionId").equals(1000L) && current(p) > 10);

        // Smart charging: a profile of the CSMS lowers the current, and clearing it gives the current back.
        assertThat(csms.call("SetChargingProfile", Map.of("connectorId", 1, "csChargingProfiles", Map.of(
                "chargingProfileId", 1, "transactionId", 1000, "stackLevel", 0, "chargingProfilePurpose",
                "TxProfile", "chargingProfileKind", "Relative", "chargingSchedule", Map.of("chargingRateUnit", "A",
                        "chargingSchedulePeriod", List.of(Map.of("startPeriod", 0, "limit", 10.0)))))))
                .containsEntry("result", Map.of("status", "Accepted"));
        int beforeProfile = csms.calls("MeterValues").size();
        csms.await("the current lowered to 10 A", e -> csms.calls("MeterValues").stream().skip(beforeProfile)
                .anyMatch(p -> current(p) > 0 && current(p) <= 10));
        assertThat(Json.string(csms.call("GetCompositeSchedule", Map.of("connectorId", 1, "duration", 60))))
                .contains("\"status\":\"Accepted\"").contains("\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
                        + "\"limit\":10}]");
        assertThat(csms.call("ClearChargingProfile", Map.of("id", 1)))
                .containsEntry("result", Map.of("status", "Accepted"));
        int afterClear = csms.calls("MeterValues").size();
        csms.await("the current back above 10 A", e -> csms.calls("MeterValues").stream().skip(afterClear)
                .anyMatch(p -> current(p) > 10));

        // Out of service once the running transaction ends; the change waits for it over the restart below.
        assertThat(csms.call("ChangeAvailability", Map.of("connectorId", 0, "type", "Inoperative")))
                .containsEntry("result", Map.of("status", "Scheduled"));

        // The CSMS goes away in the middle of the session, the post restarts, and the CSMS comes back.
        csms.down();
        int beforeOutage = csms.calls("MeterValues").size();
        LampPost before = post;
        Await.until("meter values kept in the outbox", Duration.ofSeconds(20), () -> queued(before) >= 2);
        post.close();
        post = post.restart(url);
        running.add(post);
        LampPost after = post;
        Await.until("the restarted post's OCPP link", () -> after.log().contains("transaction messages queued"));
        Await.until("health showing the link down", () -> link(after).get("lastError") != null);
        Map<String, Object> down = link(after);
        assertThat(down).containsEntry("name", "ocpp").containsEntry("state", "down")
                .containsEntry("peer", "ws://127.0.0.1:" + csms.port + "/ocpp/" + IDENTITY);
        assertThat(((Number) down.get("queued")).intValue()).as("the messages waiting").isGreaterThanOrEqualTo(2);
        assertThat(after.engineerGet("/mgmt/health")).as("down with messages waiting")
                .contains("\"status\":\"degraded\"").doesNotContain("cp-secret");
        csms.up();
        csms.await("the post back", Duration.ofSeconds(20),
                e -> csms.calls("MeterValues").size() >= beforeOutage + 5);
        Await.until("health showing the link up with nothing queued", Duration.ofSeconds(20), () -> {
            Map<String, Object> up = link(after);
            return up.get("state").equals("up") && ((Number) up.get("queued")).intValue() == 0;
        });
        assertThat(link(after)).containsEntry("details", Map.of("registration", "Accepted"));
        assertThat(csms.call("RemoteStopTransaction", Map.of("transactionId", 1000)))
                .containsEntry("result", Map.of("status", "Accepted"));
        Map<String, Object> stop = csms.awaitCall("StopTransaction", p -> true);

        assertThat(csms.calls("StartTransaction")).as("the session is started once").containsExactly(start);
        assertThat(csms.calls("StopTransaction")).as("and stopped once").hasSize(1);
        assertThat(stop).containsEntry("transactionId", 1000L).containsEntry("reason", "Remote");
        assertThat((Long) stop.get("meterStop")).isGreaterThan((Long) start.get("meterStart"));
        @SuppressWarnings("unchecked")
        Map<String, Object> shown = (Map<String, Object>) ((List<Object>) ((Map<String, Object>) org.lampyris.internal
                .json.Json.parse(plainGet(post, "/ev/sessions"))).get("recent")).get(0);
        assertThat(((Number) shown.get("energyWh")).doubleValue()).as("the session's energy the post shows")
                .isCloseTo((Long) stop.get("meterStop") - (Long) start.get("meterStart"),
                        org.assertj.core.data.Offset.offset(1.0));
        assertThat(Double.parseDouble(plainGet(post, "/ev/energy"))).as("the meter after the stop, on /ev/energy")
                .isCloseTo((Long) stop.get("meterStop"), org.assertj.core.data.Offset.offset(0.5));
        List<Map<String, Object>> meterValues = csms.calls("MeterValues");
        assertThat(meterValues).as("every meter value once").doesNotHaveDuplicates()
                .allSatisfy(m -> assertThat(m).containsEntry("transactionId", 1000L));
        List<Instant> times = meterValues.stream().map(OcppChargePointTest::sampleTime).toList();
        assertThat(times).as("in the order they were taken").isSorted();
        assertThat(times.get(times.size() - 1)).isAfter(times.get(0));
        assertThat(csms.events()).as("strict mode found every message valid")
                .noneMatch(e -> e.get("event").equals("invalid"));
        assertThat(post.log()).doesNotContain("dropped after", "got no transaction id", "cp-secret");

        // The transaction over, the post is out of service until the CSMS puts it back.
        csms.awaitCall("StatusNotification", p -> p.get("status").equals("Unavailable"));
        assertThat(presentCard(post, "local-card")).as("no session out of service")
                .contains("out of service (Inoperative)");
        int toldUnavailable = csms.calls("StatusNotification").size();
        assertThat(csms.call("ChangeAvailability", Map.of("connectorId", 1, "type", "Operative")))
                .containsEntry("result", Map.of("status", "Accepted"));
        csms.await("the post back in service", e -> csms.calls("StatusNotification").stream()
                .skip(toldUnavailable).anyMatch(p -> p.get("status").equals("Preparing")));

        // Offline, the local list decides: a card on it starts a session, a stranger is refused.
        csms.down();
        assertThat(presentCard(post, "stranger")).contains("out of reach and the identifier is not in the local list");
        assertThat(presentCard(post, "local-card")).as("started").isNull();
        csms.up();
        csms.awaitCall("StartTransaction", p -> p.get("idTag").equals("local-card"));
        assertThat(csms.calls("Authorize")).as("no Authorize while offline").hasSize(1);

        // A reset ends the session, tells the CSMS why, and restarts the platform, which registers again.
        int bootsBeforeReset = csms.calls("BootNotification").size();
        assertThat(csms.call("Reset", Map.of("type", "Soft"))).containsEntry("result", Map.of("status", "Accepted"));
        assertThat(csms.awaitCall("StopTransaction", p -> p.get("reason").equals("SoftReset")))
                .containsEntry("transactionId", 1001L);
        csms.await("the restarted platform registering", Duration.ofSeconds(30),
                e -> csms.calls("BootNotification").size() > bootsBeforeReset);
        assertThat(csms.events()).noneMatch(e -> e.get("event").equals("invalid"));
    }

    @Test
    void overTlsThePostTrustsTheCsmsItIsGivenAndShowsItsClientCertificate() throws Exception {
        Path tls = Files.createDirectories(work.resolve("tls"));
        TestCertificates.Issued ca = TestCertificates.authority(tls, "city-ca");
        TestCertificates.Issued server = ca.issue(tls, "csms", "serverAuth", "ip:127.0.0.1");
        TestCertificates.Issued client = ca.issue(tls, "LAMPPOST-2", "clientAuth", null);
        Files.writeString(tls.resolve("csms.pem"), server.certificatePem());
        Files.writeString(tls.resolve("csms.key"), server.privateKeyPem());
        Files.writeString(tls.resolve("ca.pem"), ca.certificatePem());
        Files.writeString(tls.resolve("post.pem"), client.privateKeyPem() + client.certificatePem());
        Csms csms = Csms.startTls(300, tls);
        running.add(csms);
        LampPost post = LampPost.start("ocpp-tls", work.resolve("tls-post"),
                "--ocpp-csms=wss://127.0.0.1:" + csms.port + "/ocpp/LAMPPOST-2");
        running.add(post);
        Await.until("a CSMS whose certificate the JVM does not trust refused", () -> post.log().contains(
                "TLS handshake failed, is the CSMS's certificate trusted (csms.certificate)?"));

        post.configure("org.lampyris.ocpp", "{\"csms.certificate\": \"" + tls.resolve("ca.pem")
                + "\", \"client.credentials\": \"" + tls.resolve("post.pem")
                + "\", \"basic.auth.password\": \"tls-secret\"}");
        csms.awaitCall("BootNotification", p -> true);
        assertThat(csms.await("the connection", e -> e.get("event").equals("connected")))
                .containsEntry("identity", "LAMPPOST-2").containsEntry("password", "tls-secret")
                .containsEntry("clientCertificate", "LAMPPOST-2").containsEntry("clientCertificateTrusted", true);
        assertThat(csms.events()).noneMatch(e -> e.get("event").equals("invalid"));
    }

    /** Presents an identifier at the post, as a card reader does through /ev/sessions; answers the refusal or null. */
    private static String presentCard(LampPost post, String identifier) throws Exception {
        try (CoapTestClient operator = CoapTestClient.withPsk(LampPost.OPERATOR)) {
            CoapClient client = operator.client(post.uri("/ev/sessions"));
            client.setTimeout(20_000L);
            CoapResponse r = client.post(identifier, MediaTypeRegistry.TEXT_PLAIN);
            client.shutdown();
            if (r.isSuccess()) {
                return null;
            }
            assertThat(r.getCode()).as(r.getResponseText()).isEqualTo(CoAP.ResponseCode.BAD_REQUEST);
            return r.getResponseText();
        }
    }

    @Test
    void aStreetPostRefusesACsmsWithoutTlsAndSaysWhy() throws Exception {
        Csms csms = Csms.start(300);
        running.add(csms);
        LampPost post = LampPost.startStreet("ocpp-street", work.resolve("street"),
                "--ocpp-csms=ws://127.0.0.1:" + csms.port + "/ocpp/" + IDENTITY);
        running.add(post);
        Await.until("the refusal in the log", () -> post.log().contains("OCPP off"));
        assertThat(post.log()).contains("is ws:// (OCPP security profile 1").contains("refused on a street post");
        assertThat(csms.events()).noneMatch(e -> e.get("event").equals("connected"));
    }

    /** @return how many MeterValues the post's outbox holds, as its file in the bundle's data area shows */
    /** @return the OCPP link as /mgmt/health shows it */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> link(LampPost post) throws Exception {
        Map<String, Object> health = (Map<String, Object>) org.lampyris.internal.json.Json.parse(
                post.engineerGet("/mgmt/health"));
        List<Object> links = (List<Object>) health.get("links");
        assertThat(links).as("the links in health").hasSize(1);
        return (Map<String, Object>) links.get(0);
    }

    private static int queued(LampPost post) throws Exception {
        try (Stream<Path> files = Files.walk(post.dataDir)) {
            Path outbox = files.filter(f -> f.getFileName().toString().equals("ocpp-outbox.json")).findFirst()
                    .orElse(null);
            if (outbox == null) {
                return 0;
            }
            String text = Files.readString(outbox);
            return text.split("\"action\":\"MeterValues\"", -1).length - 1;
        } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
            return 0; // a file of the data area was renamed under the walk: look again
        }
    }

    /** @return the Current.Import of a MeterValues, in A */
    @SuppressWarnings("unchecked")
    private static double current(Map<String, Object> meterValues) {
        List<Object> values = (List<Object>) meterValues.get("meterValue");
        for (Object v : (List<Object>) ((Map<String, Object>) values.get(0)).get("sampledValue")) {
            Map<String, Object> sampled = (Map<String, Object>) v;
            if ("Current.Import".equals(sampled.get("measurand"))) {
                return Double.parseDouble((String) sampled.get("value"));
            }
        }
        return Double.NaN;
    }

    @SuppressWarnings("unchecked")
    private static Instant sampleTime(Map<String, Object> meterValues) {
        List<Object> values = (List<Object>) meterValues.get("meterValue");
        return Instant.parse((String) ((Map<String, Object>) values.get(0)).get("timestamp"));
    }

    /** @return the reason /mgmt/config gives for refusing a configuration */
    private static String refusedConfiguration(LampPost post, String pid, String json) throws Exception {
        try (CoapTestClient engineer = CoapTestClient.withPsk(LampPost.ENGINEER)) {
            CoapClient client = engineer.client(post.uri("/mgmt/config/" + pid));
            CoapResponse put = client.put(json, MediaTypeRegistry.APPLICATION_JSON);
            client.shutdown();
            assertThat(put.getCode()).as(put.getResponseText()).isEqualTo(CoAP.ResponseCode.BAD_REQUEST);
            return put.getResponseText();
        }
    }

    private static String plainGet(LampPost post, String path) throws Exception {
        CoapClient client = new CoapClient(post.plainUri(path));
        try {
            CoapResponse r = client.get();
            assertThat(r.getCode()).as(r.getResponseText()).isEqualTo(CoAP.ResponseCode.CONTENT);
            return r.getResponseText();
        } finally {
            client.shutdown();
        }
    }

    /** JSON text of a recorded answer, to assert on its parts. */
    private static final class Json {
        static String string(Object value) {
            return org.lampyris.internal.json.Json.write(value);
        }
    }
}
