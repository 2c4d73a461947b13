package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.internal.json.Json;
import org.lampyris.testkit.Await;
import org.lampyris.testkit.CoapTestClient;

import com.upokecenter.cbor.CBORObject;

/**
 * A winter night in Amsterdam at 600 times real time, drawn from the post's history by an integrator with the reader
 * role: the light off by day, on at dusk, dimmed to 50 % at 22:00 local time, boosted to 100 % when road users pass,
 * and the same night still there after the post was stopped and started again.
 */
class HistoryTest {
    /**
     * Noon local time on 21 December, so that the post is up well before sunset at 16:29 (booting takes a few real
     * seconds, half an hour of post time each); the profile dims to 50 % at 22:00 local (21:00 UTC).
     */
    private static final Instant START = Instant.parse("2026-12-21T11:00:00Z");
    private static final long TEN_PM_LOCAL = Instant.parse("2026-12-21T21:00:00Z").getEpochSecond();

    @TempDir
    Path data;

    /** One minute of a point's history, as the SenML pack gives it. */
    private record Minute(long time, double value) {
    }

    @Test
    void theHistoryOfTheLightShowsTheNightsStepsAndABoostAndSurvivesARestart() throws Exception {
        String since = Long.toString(START.getEpochSecond());
        String night;
        List<Minute> kept;
        long stoppedAfter;
        long sinceUntil; // System.nanoTime() when the post's time was stoppedAfter, or a little later
        LampPost first = LampPost.start("history-post", data, "--clock-speed", "600", "--clock-start",
                START.toString());
        try (LampPost post = first; CoapTestClient reader = CoapTestClient.withPsk(LampPost.READER)) {
            String uri = post.uri("/history/light/level?since=" + since);
            List<Minute> seen = Await.until("the history shows the light dimmed at 22:00 and a boost that ended",
                    Duration.ofSeconds(150), () -> minutes(get(reader, uri, null)), HistoryTest::boostEnded);

            Minute day = first(seen, m -> m.value() == 0);
            Minute dusk = first(seen, m -> m.value() == 100 && m.time() > day.time());
            assertThat(Instant.ofEpochSecond(day.time())).as("off by day").isBefore(Instant.ofEpochSecond(
                    dusk.time()));
            assertThat(Instant.ofEpochSecond(dusk.time())).as("on at dusk, 16:29 local")
                    .isBetween(Instant.parse("2026-12-21T15:20:00Z"), Instant.parse("2026-12-21T15:45:00Z"));
            Minute dimmed = first(seen, m -> m.value() == 50);
            // The dimmer looks at its plan once a real second (evaluation.ms), ten minutes of post time at 600x, and a
            // boost in force at 22:00 holds the light at 100 % until two minutes after the last road user passed.
            assertThat(dimmed.time()).as("dimmed by the profile at 22:00 local, never before")
                    .isBetween(TEN_PM_LOCAL, TEN_PM_LOCAL + 60 * 60);
            assertThat(seen).as("at 100 % from dusk until the profile's step")
                    .filteredOn(m -> m.time() >= dusk.time() && m.time() < dimmed.time())
                    .allMatch(m -> m.value() == 100);
            assertThat(seen).as("every minute, in order, one minute apart").extracting(Minute::time)
                    .isSorted().doesNotHaveDuplicates();
            assertThat(seen.stream().filter(m -> m.time() > dimmed.time()).map(Minute::value).distinct())
                    .as("only the profile's level and the boost after 22:00").containsOnly(50.0, 100.0);

            // The same minutes in CBOR, as a constrained client would ask for them
            long until = seen.get(seen.size() - 2).time(); // a whole minute: the last one may still change
            stoppedAfter = until;
            sinceUntil = System.nanoTime();
            String span = "/history/light/level?since=" + since + "&until=" + until;
            night = get(reader, post.uri(span), null);
            List<Minute> fromCbor = cborMinutes(reader, post.uri(span));
            assertThat(fromCbor).isEqualTo(minutes(night));
            kept = minutes(night);

            CoapResponse bad = reader.get(post.uri("/history/light/level?since=yesterday"));
            assertThat(bad.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
            assertThat(bad.getResponseText()).contains("since 'yesterday' is not a time in seconds");
            assertThat(reader.get(post.uri("/history/light/levle")).getCode()).isEqualTo(ResponseCode.NOT_FOUND);
            String listed = reader.client(post.uri("/history")).get(MediaTypeRegistry.APPLICATION_LINK_FORMAT)
                    .getResponseText();
            assertThat(listed).contains("</history/light/level>", "</history/light/power>", "</history/air/pm25>");
        }
        assertThat(data.resolve("history/points.bin")).as("saved when the post stopped").exists();

        // The post comes back an hour after it stopped, as a real clock would have it: after the minutes it saw.
        long stopped = stoppedAfter + 600 * (System.nanoTime() - sinceUntil) / 1_000_000_000L + 60;
        Instant restart = Instant.ofEpochSecond(stopped).plus(Duration.ofHours(1));
        try (LampPost post = first.restart("--clock-speed", "60", "--clock-start", restart.toString());
                CoapTestClient reader = CoapTestClient.withPsk(LampPost.READER)) {
            String span = "/history/light/level?since=" + since + "&until=" + stoppedAfter;
            assertThat(get(reader, post.uri(span), null)).as("the night as it was before the restart")
                    .isEqualTo(night);
            List<Minute> after = Await.until("the history goes on after the restart", Duration.ofSeconds(30),
                    () -> minutes(get(reader, post.uri("/history/light/level?since=" + since), null)),
                    all -> all.get(all.size() - 1).time() >= restart.getEpochSecond());
            assertThat(after).as("while the post was off it has no values, rather than made-up ones")
                    .noneMatch(m -> m.time() > stopped && m.time() < restart.getEpochSecond() - 60);
            assertThat(kept).isNotEmpty();
            readWithLibcoap(post, since, stoppedAfter, night);
        }
    }

    /** @return whether the light was dimmed by the profile, then boosted to 100 %, then back at 50 % */
    private static boolean boostEnded(List<Minute> minutes) {
        int step = 0;
        for (Minute m : minutes) {
            if (step == 0 && m.value() == 50 && m.time() >= TEN_PM_LOCAL) {
                step = 1;
            } else if (step == 1 && m.value() == 100) {
                step = 2;
            } else if (step == 2 && m.value() == 50) {
                return true;
            }
        }
        return false;
    }

    private static Minute first(List<Minute> minutes, java.util.function.Predicate<Minute> which) {
        return minutes.stream().filter(which).findFirst().orElseThrow(() -> new AssertionError("not in " + minutes));
    }

    private static String get(CoapTestClient client, String uri, Integer accept) throws Exception {
        CoapClient c = client.client(uri);
        try {
            CoapResponse r = accept == null ? c.get() : c.get(accept);
            assertThat(r).as("an answer to GET " + uri).isNotNull();
            assertThat(r.getCode()).as(r.getResponseText()).isEqualTo(ResponseCode.CONTENT);
            return r.getResponseText();
        } finally {
            c.shutdown();
        }
    }

    /** @return the minutes of a SenML JSON pack, each record's time resolved against the base time */
    @SuppressWarnings("unchecked")
    private static List<Minute> minutes(String senmlJson) throws Exception {
        List<Minute> minutes = new ArrayList<>();
        long base = 0;
        for (Object o : (List<Object>) Json.parse(senmlJson)) {
            Map<String, Object> record = (Map<String, Object>) o;
            if (record.containsKey("bn")) {
                assertThat(record.get("bn")).isEqualTo("urn:dev:lampyris:history-post:");
            }
            if (record.containsKey("bt")) {
                base = ((Number) record.get("bt")).longValue();
            }
            assertThat(record).containsEntry("n", "light/level").containsEntry("u", "%");
            long t = record.containsKey("t") ? ((Number) record.get("t")).longValue() : 0;
            minutes.add(new Minute(base + t, ((Number) record.get("v")).doubleValue()));
        }
        return minutes;
    }

    /** @return the minutes of the SenML CBOR pack (RFC 8428 labels: bt -3, v 2, t 6) */
    private static List<Minute> cborMinutes(CoapTestClient client, String uri) throws Exception {
        CoapClient c = client.client(uri);
        try {
            CoapResponse r = c.get(MediaTypeRegistry.APPLICATION_SENML_CBOR);
            assertThat(r.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.APPLICATION_SENML_CBOR);
            CBORObject pack = CBORObject.DecodeFromBytes(r.getPayload());
            List<Minute> minutes = new ArrayList<>();
            long base = pack.get(0).get(-3).AsInt64Value();
            for (int i = 0; i < pack.size(); i++) {
                CBORObject record = pack.get(i);
                long t = record.ContainsKey(6) ? record.get(6).AsInt64Value() : 0;
                minutes.add(new Minute(base + t, record.get(2).ToObject(Double.class)));
            }
            return minutes;
        } finally {
            c.shutdown();
        }
    }

    /** An integrator's libcoap reads the same pack, block-wise, over plain CoAP, where it is installed. */
    private static void readWithLibcoap(LampPost post, String since, long until, String expected) throws Exception {
        String client = null;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "coap-client-notls"))) {
                client = Path.of(dir, "coap-client-notls").toString();
            }
        }
        if (client == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("coap-client-notls is not installed; .ci/run installs libcoap3-bin");
            }
            System.out.println("HistoryTest: coap-client-notls is not installed; the libcoap read is skipped");
            return;
        }
        Process p = new ProcessBuilder(client, "-m", "get", "-A", "110", "-B", "30",
                post.plainUri("/history/light/level?since=" + since + "&until=" + until)).redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        boolean done = p.waitFor(30, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as("coap-client finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(out).isEqualTo(expected);
    }
}
