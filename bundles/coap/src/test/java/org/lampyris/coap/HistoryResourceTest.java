package org.lampyris.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lampyris.coap.format.Cbor;
import org.lampyris.coap.history.PointHistory;
import org.lampyris.internal.json.Json;

/** The history served over a real Californium server on loopback, as an integrator reads it. */
class HistoryResourceTest {
    private static final long TEN_PM = Instant.parse("2026-12-21T21:00:00Z").getEpochSecond(); // 22:00 in Amsterdam
    private static final long NOW_MILLIS = (TEN_PM + 10 * 60 + 30) * 1000;

    private CoapServer server;
    private Endpoint client;
    private int port;
    private PointHistory history;

    @BeforeEach
    void setUp() {
        CoapConfig.register();
        UdpConfig.register();
        Configuration config = new Configuration();
        config.set(CoapConfig.MAX_RETRANSMIT, 1);
        config.set(CoapConfig.PREFERRED_BLOCK_SIZE, 512);
        config.set(CoapConfig.MAX_MESSAGE_SIZE, 1024);
        // Californium's client keeps at most this much of a block-wise body: two days of a point are 140 KB of JSON.
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 262_144);
        history = new PointHistory(2880, 8);
        server = new CoapServer(config);
        server.addEndpoint(new CoapEndpoint.Builder().setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build());
        server.add(new HistoryResource(history, new PostIdentity("post-7"), () -> NOW_MILLIS));
        server.start();
        port = server.getEndpoints().get(0).getAddress().getPort();
        client = new CoapEndpoint.Builder().setConfiguration(config).build();
    }

    @AfterEach
    void tearDown() {
        client.destroy();
        server.destroy();
    }

    private CoapResponse get(String pathAndQuery, Integer accept) throws Exception {
        CoapClient c = new CoapClient("coap://127.0.0.1:" + port + pathAndQuery);
        c.setEndpoint(client);
        c.setTimeout(10_000L);
        try {
            return accept == null ? c.get() : c.get(accept);
        } finally {
            c.shutdown();
        }
    }

    private static List<Double> values(List<Object> pack) {
        return pack.stream().map(o -> ((Number) ((Map<?, ?>) o).get("v")).doubleValue()).toList();
    }

    /** The light at 100 % until 22:00, 50 % after, with a boost to 100 % from 22:05:20 to 22:07:20. */
    private void lastNight() {
        PointHistory.Series level = history.follow("/light/level", "%");
        level.ring().record((TEN_PM - 120) * 1000, 100);
        level.ring().record(TEN_PM * 1000, 50);
        level.ring().record((TEN_PM + 320) * 1000, 100);
        level.ring().record((TEN_PM + 440) * 1000, 50);
    }

    @Test
    void aPointsHistoryIsASenmlPackWithOneRecordPerMinuteInAbsoluteTime() throws Exception {
        lastNight();

        CoapResponse r = get("/history/light/level?since=" + (TEN_PM - 60) + "&until=" + (TEN_PM + 240), null);

        assertThat(r.getCode()).isEqualTo(ResponseCode.CONTENT);
        assertThat(r.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.APPLICATION_SENML_JSON);
        assertThat(r.getResponseText()).isEqualTo("[{\"bn\":\"urn:dev:lampyris:post-7:\",\"bt\":" + (TEN_PM - 60)
                + ",\"n\":\"light/level\",\"u\":\"%\",\"v\":100},"
                + "{\"n\":\"light/level\",\"u\":\"%\",\"v\":50,\"t\":60},"
                + "{\"n\":\"light/level\",\"u\":\"%\",\"v\":50,\"t\":120},"
                + "{\"n\":\"light/level\",\"u\":\"%\",\"v\":50,\"t\":180},"
                + "{\"n\":\"light/level\",\"u\":\"%\",\"v\":50,\"t\":240},"
                + "{\"n\":\"light/level\",\"u\":\"%\",\"v\":50,\"t\":300}]");
    }

    @Test
    void theBoostShowsAsAStepAndTheValueHoldsUpToNow() throws Exception {
        lastNight();

        CoapResponse r = get("/history/light/level?since=" + TEN_PM, null);

        @SuppressWarnings("unchecked")
        List<Object> pack = (List<Object>) Json.parse(r.getPayload());
        assertThat(values(pack)).containsExactly(50.0, 50.0, 50.0, 50.0, 50.0,
                100.0, 100.0, 50.0, 50.0, 50.0, 50.0);
    }

    @Test
    void cborIsServedWithTheIntegerLabelsOfRfc8428() throws Exception {
        lastNight();

        CoapResponse r = get("/history/light/level?since=" + TEN_PM + "&until=" + (TEN_PM + 60),
                MediaTypeRegistry.APPLICATION_SENML_CBOR);

        assertThat(r.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.APPLICATION_SENML_CBOR);
        List<?> pack = (List<?>) Cbor.decode(r.getPayload());
        assertThat(pack).hasSize(2);
        Map<?, ?> first = (Map<?, ?>) pack.get(0);
        assertThat(first.get(-2L)).isEqualTo("urn:dev:lampyris:post-7:");
        assertThat(first.get(-3L)).isEqualTo(TEN_PM);
        assertThat(first.get(0L)).isEqualTo("light/level");
        assertThat(first.get(1L)).isEqualTo("%");
        assertThat(first.get(2L)).isEqualTo(50L);
        assertThat(((Map<?, ?>) pack.get(1)).get(6L)).isEqualTo(60L);
    }

    @Test
    void twoDaysOfAPointArriveBlockWise() throws Exception {
        PointHistory.Series power = history.follow("/light/power", "W");
        long start = NOW_MILLIS - 2880 * 60_000L;
        for (int m = 0; m < 2880; m++) {
            power.ring().record(start + m * 60_000L, 10 + m % 7 + 0.25);
        }

        CoapResponse r = get("/history/light/power", null);

        assertThat(r.getCode()).isEqualTo(ResponseCode.CONTENT);
        assertThat(r.getPayloadSize()).as("far more than one datagram").isGreaterThan(100_000);
        @SuppressWarnings("unchecked")
        List<Object> pack = (List<Object>) Json.parse(r.getPayload());
        assertThat(pack).hasSize(2880);
        assertThat(values(pack).get(2879)).isEqualTo(10 + 2879 % 7 + 0.25);
    }

    @Test
    void historyListsThePointsThatHaveOne() throws Exception {
        lastNight();
        history.follow("/air/pm25", "ug/m3");

        CoapResponse r = get("/history", null);

        assertThat(r.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
        assertThat(r.getResponseText()).isEqualTo("</history/air/pm25>;rt=\"lampyris.history\";ct=\"110 112\","
                + "</history/light/level>;rt=\"lampyris.history\";ct=\"110 112\"");
    }

    @Test
    void badQueriesAreAnsweredWithWhatIsWrong() throws Exception {
        lastNight();

        CoapResponse notANumber = get("/history/light/level?since=yesterday", null);
        CoapResponse backwards = get("/history/light/level?since=" + TEN_PM + "&until=" + (TEN_PM - 1), null);
        CoapResponse unknownParameter = get("/history/light/level?from=" + TEN_PM, null);
        CoapResponse unknownPoint = get("/history/light/levle", null);
        CoapResponse text = get("/history/light/level", MediaTypeRegistry.TEXT_PLAIN);

        assertThat(notANumber.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(notANumber.getResponseText()).isEqualTo(
                "since 'yesterday' is not a time in seconds since the epoch, such as 1765000000");
        assertThat(backwards.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(backwards.getResponseText()).contains("is before since");
        assertThat(unknownParameter.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(unknownParameter.getResponseText()).contains("unknown query parameter 'from'");
        assertThat(unknownPoint.getCode()).isEqualTo(ResponseCode.NOT_FOUND);
        assertThat(unknownPoint.getResponseText()).isEqualTo(
                "no history of /light/levle; GET /history lists the points that have one");
        assertThat(text.getCode()).isEqualTo(ResponseCode.NOT_ACCEPTABLE);
    }

    @Test
    void aSpanWithoutValuesIsAnEmptyPack() throws Exception {
        lastNight();

        CoapResponse r = get("/history/light/level?since=1000&until=2000", null);

        assertThat(r.getCode()).isEqualTo(ResponseCode.CONTENT);
        assertThat(r.getResponseText()).isEqualTo("[]");
    }
}
