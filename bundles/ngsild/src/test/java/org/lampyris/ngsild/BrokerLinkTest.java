package org.lampyris.ngsild;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lampyris.api.health.LinkStatus;
import org.lampyris.internal.json.Json;
import org.lampyris.testkit.Await;

import com.sun.net.httpserver.HttpServer;

class BrokerLinkTest {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final List<String> bodies = new ArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        executor.shutdownNow();
    }

    /** A broker that answers each request as {@code answer} says: status and body. */
    private URI broker(Function<List<String>, Map.Entry<Integer, String>> answer) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            List<String> ids = new ArrayList<>();
            try {
                for (Object e : (List<?>) Json.parse(body)) {
                    ids.add((String) ((Map<?, ?>) e).get("id"));
                }
            } catch (org.lampyris.internal.json.JsonException e) {
                throw new java.io.IOException(e);
            }
            synchronized (bodies) {
                bodies.add(String.join(",", ids));
            }
            Map.Entry<Integer, String> a = answer.apply(ids);
            byte[] bytes = a.getValue().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(a.getKey(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return BrokerUrl.upsert("http://127.0.0.1:" + server.getAddress().getPort(), true);
    }

    private BrokerLink link(URI upsert, Outbox outbox) {
        return new BrokerLink(executor, HttpClient.newHttpClient(), upsert, TestConfig.of(Map.of()), outbox);
    }

    private static Map<String, Object> light(String post) {
        return Map.of("id", "urn:ngsi-ld:Streetlight:" + post, "type", "Streetlight");
    }

    @Test
    void aBatchRefusedAsAWholeIsSentOneByOneSoThatOnlyTheBadEntityIsRefused() throws Exception {
        URI upsert = broker(ids -> ids.contains("urn:ngsi-ld:Streetlight:bad")
                ? Map.entry(400, "{\"type\":\"https://uri.etsi.org/ngsi-ld/errors/BadRequestData\","
                        + "\"title\":\"Bad request data\",\"detail\":\"no\"}")
                : Map.entry(201, "[]"));
        Outbox outbox = new Outbox(null, 100);
        for (String post : List.of("a", "bad", "c")) {
            outbox.add(light(post));
        }
        BrokerLink link = link(upsert, outbox);
        executor.execute(link::pump);
        Await.until("the outbox empty", () -> outbox.size() == 0);
        assertThat(outbox.delivered()).isEqualTo(2);
        assertThat(outbox.refused()).isEqualTo(1);
        LinkStatus status = link.status();
        assertThat(status.state()).isEqualTo(LinkStatus.State.UP);
        assertThat(status.details()).containsEntry("lastRefused",
                "urn:ngsi-ld:Streetlight:bad: 400 Bad request data: no");
        synchronized (bodies) {
            assertThat(bodies).containsExactly(String.join(",", "urn:ngsi-ld:Streetlight:a",
                    "urn:ngsi-ld:Streetlight:bad", "urn:ngsi-ld:Streetlight:c"), "urn:ngsi-ld:Streetlight:a",
                    "urn:ngsi-ld:Streetlight:bad", "urn:ngsi-ld:Streetlight:c");
        }
    }

    @Test
    void aFailingBrokerKeepsTheUpdatesAndIsTriedAgain() throws Exception {
        int[] calls = { 0 };
        URI upsert = broker(ids -> ++calls[0] <= 2 ? Map.entry(503, "busy") : Map.entry(204, ""));
        Outbox outbox = new Outbox(null, 100);
        outbox.add(light("a"));
        BrokerLink link = link(upsert, outbox);
        executor.execute(link::pump);
        Await.until("the broker tried three times", () -> outbox.size() == 0);
        assertThat(outbox.delivered()).isEqualTo(1);
        assertThat(link.status().lastError()).isEqualTo("the broker answered 503 busy");
        assertThat(link.status().state()).isEqualTo(LinkStatus.State.UP);
        executor.shutdown();
        assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }
}
