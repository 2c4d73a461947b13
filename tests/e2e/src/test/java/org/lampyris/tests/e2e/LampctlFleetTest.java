package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.lampyris.internal.json.Json;
import org.lampyris.testkit.CoapTestClient;
import org.lampyris.testkit.TestJar;

/**
 * A street of 30 lamp posts from the distribution on one machine, each in a small JVM with a fast clock and a site of
 * its own on a grid, shared by the tests in order: {@code lampctl status} over all 30 with one post stopped; a wave
 * rollout that stops within its budget where one post refuses the bundle, and the same command again finishing the
 * rest without touching the posts already done; and the engineer's page ({@code lampctl serve}) in headless Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LampctlFleetTest {
    private static final int POSTS = 30;
    /** Posts started at once: 30 JVMs on two cores start best a few at a time. */
    private static final int STARTING_AT_ONCE = 3;
    private static final String BSN = "org.lampyris.tests.beacon";
    /** The post that runs a higher version already, and so refuses the rollout's (4.09): in the third wave. */
    private static final int REFUSER = 5;
    private static final int STOPPED = POSTS - 1;

    private final List<LampPost> posts = new ArrayList<>();
    private Path temp;
    private Path street;
    private Path v110;
    private Path state;

    @BeforeAll
    void startTheStreet() throws Exception {
        temp = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "fleet-");
        ExecutorService starters = Executors.newFixedThreadPool(STARTING_AT_ONCE);
        try {
            List<Future<LampPost>> started = new ArrayList<>();
            for (int i = 0; i < POSTS; i++) {
                String id = "elm-" + (i + 1);
                Path data = Files.createDirectories(temp.resolve(id));
                started.add(starters.submit(() -> LampPost.startLight(id, data, "--clock-speed", "60")));
            }
            for (Future<LampPost> f : started) {
                posts.add(f.get(10, TimeUnit.MINUTES));
            }
            // Each post its site on a grid of 6 by 5, 50 m apart, and the beacon bundle 1.0.0 to update.
            Path v100 = signedBundle("1.0.0");
            byte[] jar = Files.readAllBytes(v100);
            List<Future<?>> setUp = new ArrayList<>();
            for (int i = 0; i < POSTS; i++) {
                LampPost post = posts.get(i);
                double latitude = 52.3700 + (i / 6) * 0.00045;
                double longitude = 4.9000 + (i % 6) * 0.00075;
                setUp.add(starters.submit(() -> {
                    try (CoapTestClient engineer = CoapTestClient.withPsk(LampPost.ENGINEER)) {
                        CoapResponse site = engineer.put(post.uri("/mgmt/config/org.lampyris.hal.sim.site"),
                                "{\"latitude\": " + latitude + ", \"longitude\": " + longitude + "}",
                                MediaTypeRegistry.APPLICATION_JSON);
                        assertThat(site.isSuccess()).as(post.postId + " site: " + site.getResponseText()).isTrue();
                        CoapClient install = engineer.client(post.uri("/mgmt/bundles"));
                        install.setTimeout(60_000L);
                        CoapResponse installed = install.post(jar, MediaTypeRegistry.APPLICATION_OCTET_STREAM);
                        assertThat(installed.isSuccess()).as(post.postId + " install: "
                                + installed.getResponseText()).isTrue();
                        install.shutdown();
                    }
                    return null;
                }));
            }
            for (Future<?> f : setUp) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            starters.shutdownNow();
        }
        StringBuilder hosts = new StringBuilder("# Elm Street, 30 posts, canary first\n");
        for (LampPost post : posts) {
            hosts.append("127.0.0.1:").append(post.dtlsPort).append("   # ").append(post.postId).append('\n');
        }
        street = Files.writeString(temp.resolve("elm-street.txt"), hosts);
        v110 = signedBundle("1.1.0");
        state = temp.resolve("beacon-1.1.0.state");
    }

    @AfterAll
    void stopTheStreet() throws Exception {
        for (LampPost post : posts) {
            post.close();
        }
    }

    @Test
    @Order(1)
    void statusCoversEveryPostAndMarksTheStoppedOneUnreachable() throws Exception {
        LampPost stopped = posts.get(STOPPED);
        stopped.close();
        try {
            Run status = lampctl("--hosts", street.toString(), "--timeout", "3", "status");

            assertThat(status.exit()).as(status.err()).isEqualTo(3);
            List<String> rows = status.out().lines().toList();
            assertThat(rows).hasSize(POSTS + 1);
            assertThat(rows.get(0)).startsWith("host").contains("reachable", "plugins", "health", "fail-safe",
                    "level %", "last error");
            for (int i = 0; i < POSTS; i++) {
                String row = rows.get(i + 1).replaceAll(" +", " ");
                String host = "127.0.0.1:" + posts.get(i).dtlsPort;
                if (i == STOPPED) {
                    assertThat(row).startsWith(host + " no - - - - " + host + ": GET /mgmt/health: no answer");
                } else {
                    assertThat(row).startsWith(host + " yes ").contains("dimming 0.1.0", "tests.beacon 1.0.0");
                }
            }
            assertThat(status.err()).contains("30 posts in ", "1 unreachable");
            try (CoapTestClient engineer = CoapTestClient.withPsk(LampPost.ENGINEER)) {
                Map<?, ?> health = (Map<?, ?>) Json.parse(engineer.get(posts.get(7).uri("/mgmt/health"))
                        .getResponseText());
                assertThat(health.get("site")).as("where elm-8 stands, as configured")
                        .isEqualTo(Map.of("latitude", 52.37045, "longitude", 4.90075));
            }
            System.out.println("lampctl status of " + POSTS + " posts: " + status.err().strip());
        } finally {
            posts.set(STOPPED, stopped.restart("--clock-speed", "60"));
        }
    }

    @Test
    @Order(2)
    void aWaveRolloutStopsWithinItsBudgetWhereAPostRefusesAndTheSameCommandFinishesTheRest() throws Exception {
        Run ahead = lampctl("--host", host(REFUSER), "update", signedBundle("2.0.0").toString());
        assertThat(ahead.exit()).as(ahead.err()).isZero();
        String[] rollout = { "--hosts", street.toString(), "rollout", v110.toString(), "--waves", "1,5%,25%",
            "--max-failures", "0", "--state", state.toString() };

        Run plan = lampctl(concat(rollout, "--dry-run"));
        assertThat(plan.out()).contains("in 4 waves", "wave 1 (canary): 1 post", "wave 2: 2 posts",
                "wave 3: 8 posts", "wave 4: 19 posts");
        Run first = lampctl(rollout);

        assertThat(first.exit()).as(first.err()).isEqualTo(1);
        assertThat(first.err()).contains("lampctl: " + host(REFUSER) + ": PUT /mgmt/bundles/" + BSN
                + ": 4.09 Conflict", "rollout stopped at " + host(REFUSER) + "; ")
                .doesNotContain("wave 4 of 4");
        Map<String, String> firstTable = table(first.out());
        assertThat(firstTable.get(host(0))).isEqualTo("1.1.0 updated");
        assertThat(firstTable.get(host(REFUSER))).isEqualTo("2.0.0 refused, 4.09 Conflict");
        for (int i = 11; i < POSTS; i++) {
            assertThat(firstTable.get(host(i))).as(posts.get(i).postId).isEqualTo("1.0.0 not attempted");
        }
        Map<Integer, Object> transactions = new java.util.HashMap<>();
        for (int i = 0; i < POSTS; i++) {
            if (!firstTable.get(host(i)).endsWith("not attempted")) {
                transactions.put(i, lastTransaction(posts.get(i)));
            }
        }

        Run again = lampctl(rollout);

        assertThat(again.exit()).as(again.err()).isEqualTo(1); // the refusing post is still behind, and says so
        assertThat(again.err()).contains("wave 4 of 4: 19 posts", host(0) + ": updated in an earlier run; left alone",
                host(REFUSER) + ": refused, 4.09 Conflict in an earlier run; left alone")
                .doesNotContain("rollout stopped");
        Map<String, String> table = table(again.out());
        for (int i = 0; i < POSTS; i++) {
            assertThat(table.get(host(i))).as(posts.get(i).postId)
                    .isEqualTo(i == REFUSER ? "2.0.0 refused, 4.09 Conflict" : "1.1.0 updated");
        }
        assertThat(transactions).containsKeys(0, 1, 2, REFUSER);
        for (Map.Entry<Integer, Object> t : transactions.entrySet()) {
            assertThat(lastTransaction(posts.get(t.getKey()))).as(posts.get(t.getKey()).postId
                    + " was not sent the bundle again").isEqualTo(t.getValue());
        }
    }

    @Test
    @Order(3)
    void theEngineersPageShowsTheStreetAPostsPluginsAndItsNightInHeadlessChromium() throws Exception {
        Path chromium = Path.of(System.getProperty("lampyris.chromium", "/usr/bin/chromium"));
        Path playwright = Csms.SCRIPTS.resolve("node_modules/playwright-core");
        boolean present = Files.isExecutable(chromium) && Csms.available() && Files.isDirectory(playwright);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("Debian's chromium, Node.js and playwright-core (npm ci in " + Csms.SCRIPTS
                    + ") are needed for the engineer's page test");
        }
        assumeTrue(present, "chromium, Node.js or playwright-core (npm ci in " + Csms.SCRIPTS + ") is missing: "
                + "the engineer's page is tested in headless Chromium");
        List<String> command = new ArrayList<>(List.of(LampPost.DIST.resolve("bin/lampctl").toString(), "--hosts",
                street.toString(), "serve", "--port", "0", "--refresh", "5", "--rollout-state", state.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(temp.resolve("serve.err").toFile());
        builder.environment().put("LAMPCTL_PSK", LampPost.ENGINEER);
        Process serve = builder.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).as("lampctl serve says where").contains("http://127.0.0.1:");
            String url = line.substring(line.indexOf("http://"), line.indexOf('/', line.indexOf("http://") + 7) + 1);
            Path screenshot = Path.of("target/engineer-page.png").toAbsolutePath();
            Files.deleteIfExists(screenshot);
            Process browser = new ProcessBuilder("node", "engineer-page.js", url, Integer.toString(POSTS),
                    screenshot.toString(), chromium.toString()).directory(Csms.SCRIPTS.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            if (!browser.waitFor(4, TimeUnit.MINUTES)) {
                browser.destroyForcibly();
                throw new AssertionError("the browser did not finish");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> page = (Map<String, Object>) Json.parse(seen.get(10, TimeUnit.SECONDS).strip());

            assertThat((List<?>) page.get("errors")).as("console and page errors").isEmpty();
            assertThat(((Number) page.get("posts")).intValue()).isEqualTo(POSTS);
            assertThat(((List<?>) page.get("plugins")).stream().map(String::valueOf)).contains("org.lampyris.dimming", BSN);
            assertThat((String) page.get("summary")).startsWith("30 of 30 posts asked");
            assertThat((String) page.get("rollout")).contains(BSN + " 1.1.0", "29 updated");
            String note = (String) page.get("chartNote");
            assertThat(note).as("the night chart's note").doesNotStartWith("no history");
            assertThat(((Number) page.get("chartPoints")).intValue()).as("points on the night chart (%s)", note)
                    .isPositive();
            System.out.println("The engineer's page: " + page.get("posts") + " posts, night chart with "
                    + page.get("chartPoints") + " points");
            assertThat(screenshot).as("the screenshot kept as an artifact").isNotEmptyFile();
        } finally {
            serve.destroy();
            if (!serve.waitFor(20, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
        }
    }

    private String host(int i) {
        return "127.0.0.1:" + posts.get(i).dtlsPort;
    }

    /** @return the post's last transaction of the beacon bundle, as it reports it */
    private static Object lastTransaction(LampPost post) throws Exception {
        try (CoapTestClient engineer = CoapTestClient.withPsk(LampPost.ENGINEER)) {
            CoapResponse r = engineer.get(post.uri("/mgmt/bundles/" + BSN));
            return ((Map<?, ?>) Json.parse(r.getResponseText())).get("lastTransaction");
        }
    }

    /** @return host to "version outcome" of a rollout's final table */
    private static Map<String, String> table(String out) {
        Map<String, String> rows = new java.util.LinkedHashMap<>();
        out.lines().skip(1).map(l -> l.split(" +", 2)).forEach(r -> rows.put(r[0], r[1].replaceAll(" +", " ")));
        return rows;
    }

    /** A bundle with no code and 4 KiB of data, signed by the development signer. */
    private Path signedBundle(String version) throws IOException, InterruptedException {
        byte[] data = new byte[4096];
        new Random(version.hashCode()).nextBytes(data);
        Path jar = TestJar.bundle(BSN, version).header("Bundle-Vendor", "Lampyris tests")
                .entry("beacon/data.bin", data).writeTo(temp.resolve(BSN + "-" + version + ".jar"));
        return SignedJars.DEVELOPMENT_SIGNER.sign(jar);
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run lampctl(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(LampPost.DIST.resolve("bin/lampctl").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LAMPCTL_PSK", LampPost.ENGINEER);
        Process p = builder.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("lampctl " + String.join(" ", args) + " did not exit");
        }
        return new Run(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
    }

    private static CompletableFuture<String> drain(java.io.InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
