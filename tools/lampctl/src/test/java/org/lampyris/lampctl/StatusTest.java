package org.lampyris.lampctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lampctl status} over a hosts file, and the engineer's page's API, against in-process posts over DTLS and one
 * address where nobody answers.
 */
class StatusTest {
    @TempDir
    Path dir;
    private FakePost first;
    private FakePost second;

    @AfterEach
    void stop() {
        for (FakePost p : new FakePost[] { first, second }) {
            if (p != null) {
                p.close();
            }
        }
    }

    @Test
    void statusPrintsOneRowPerPostAndMarksTheSilentOneUnreachable() throws Exception {
        first = new FakePost("1.0.0");
        second = new FakePost("1.2.0");
        second.health = "{\"status\":\"degraded\",\"failSafe\":{\"engaged\":true}}";
        String nobody = "127.0.0.1:" + RolloutTest.freePort();
        Path hosts = Files.writeString(dir.resolve("street.txt"), first.host() + "\n" + nobody + "\n"
                + second.host() + "\n");

        Run run = Run.of("--hosts", hosts.toString(), "--psk", FakePost.PSK, "--timeout", "1", "status");

        assertThat(run.exit()).isEqualTo(ExitCode.UNREACHABLE);
        List<String> rows = run.out().lines().map(l -> l.replaceAll(" +", " ")).toList();
        assertThat(rows.get(0)).isEqualTo("host reachable plugins health fail-safe level % last error");
        assertThat(rows.get(1)).isEqualTo(first.host() + " yes org.example.lamp 1.0.0 ok off 0");
        assertThat(rows.get(2)).startsWith(nobody + " no - - - - " + nobody + ": GET /mgmt/health: no answer");
        assertThat(rows.get(3)).isEqualTo(second.host() + " yes org.example.lamp 1.2.0 degraded ENGAGED 0");
        assertThat(run.err()).contains("3 posts in ", "1 unreachable, 1 degraded or refusing");
    }

    @Test
    void thePageServesTheStreetFromLampctlsOwnSessionsAndRefusesAForeignHost() throws Exception {
        first = new FakePost("1.0.0");
        List<HostAddress> hosts = List.of(HostAddress.parse(first.host()));
        try (PostPool pool = new PostPool(Credentials.Psk.parse(FakePost.PSK, "--psk"), Duration.ofSeconds(5),
                Duration.ofSeconds(5), 2, System.out, System.err);
                EngineerPage page = EngineerPage.start("127.0.0.1", 0, hosts, pool, Duration.ofSeconds(1),
                        dir.resolve("rollouts"), System.err)) {
            HttpClient http = HttpClient.newHttpClient();
            String street = "";
            for (int i = 0; i < 100 && !street.contains("\"reachable\":true"); i++) {
                street = http.send(HttpRequest.newBuilder(URI.create(page.url() + "api/posts")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Thread.sleep(100);
            }
            Object parsed = Json.parse(street);
            Map<?, ?> post = (Map<?, ?>) ((List<?>) ((Map<?, ?>) parsed).get("posts")).get(0);
            assertThat(post.get("latitude")).isEqualTo(52.37);
            assertThat(post.get("plugins")).isEqualTo(Map.of(FakePost.BSN, "1.0.0"));
            assertThat(street).doesNotContain("engineer-secret");

            HttpResponse<String> detail = http.send(HttpRequest.newBuilder(URI.create(page.url() + "api/posts/0"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(detail.body()).contains("\"/light/level\":\"0\"");
            HttpResponse<String> history = http.send(HttpRequest.newBuilder(URI.create(page.url()
                    + "api/posts/0/history")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(history.body()).contains("\"available\":false", "no history on this post (4.04)");
            HttpResponse<String> index = http.send(HttpRequest.newBuilder(URI.create(page.url())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.body()).contains("vendor/uPlot.iife.min.js");
            HttpResponse<String> uplot = http.send(HttpRequest.newBuilder(URI.create(page.url()
                    + "vendor/uPlot.iife.min.js")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(uplot.body()).contains("uPlot");
            HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(page.url() + "api/posts/7"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void senmlPacksAreReadWithTheirBaseNameAndBaseTime() {
        List<Senml.Reading> r = Senml.parse("[{\"bn\":\"urn:dev:lampyris:elm-1:\",\"bt\":1700000000,"
                + "\"n\":\"light/level\",\"t\":0,\"v\":100},{\"n\":\"light/level\",\"t\":60,\"v\":40}]", 0);
        assertThat(r).containsExactly(new Senml.Reading("urn:dev:lampyris:elm-1:light/level", 1.7e9, 100),
                new Senml.Reading("urn:dev:lampyris:elm-1:light/level", 1.7e9 + 60, 40));
        assertThat(Senml.parse("[{\"n\":\"x\",\"t\":-60,\"v\":1}]", 1000).get(0).time()).isEqualTo(940);
    }
}
