package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.internal.json.Json;
import org.lampyris.testkit.CoapTestClient;

/**
 * Power cuts at random moments, on one data directory on {@link LazyFs}: half of the trials cut an idle post and
 * then cut its next boot at a random moment, the other half cut while an engineer's signed update of the dimming
 * bundle runs (receiving, verifying, applying, in its
 * health window or just after its answer). After every cut the post boots, lists every link and every bundle it had,
 * each in the state it had, and runs the dimming release it last acknowledged (either one for an update cut before its
 * answer). The test prints how many cuts it made and what was lost, which must be nothing.
 * {@code -Dlampyris.powercut.random} and {@code -Dlampyris.powercut.seed} change how many trials and where.
 */
class RandomPowerCutTest {
    private static final String DIMMING = "org.lampyris.dimming";
    /** The health window of conf/org.lampyris.management.cfg plus a margin: cuts land before and after answers. */
    private static final int LATEST_UPDATE_CUT_MILLIS = 6_000;

    @TempDir
    Path work;

    /** What an engineer sees of a post: its bundles with their states, and how many links it serves. */
    private record Seen(Map<String, String> bundles, int links, String dimming) {
    }

    @Test
    void randomCutsHalfOfThemMidBootBrickNothingAndLoseNoBundleNorAnAcknowledgedUpdate() throws Exception {
        int trials = Integer.getInteger("lampyris.powercut.random", 6);
        Random random = new Random(Long.getLong("lampyris.powercut.seed", 23));
        Path base = SignedJars.baseJar(DIMMING);
        List<String> outcomes = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        int boots = 0;
        try (LazyFs fs = LazyFs.mount(work)) {
            Path data = fs.root().resolve("data");
            long start = System.nanoTime();
            LampPost post = LampPost.start("random-cuts", data);
            boots++;
            long bootMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            Seen first = seen(post);
            String committed = first.dimming();
            try {
                for (int trial = 1; trial <= trials; trial++) {
                    String outcome;
                    String acknowledged = null;
                    String asked = null;
                    if (trial % 2 == 1) {
                        fs.cut(post.process());
                        int after = random.nextInt((int) (bootMillis * 12 / 10) + 1);
                        Process booting = bootWithoutWaiting(data, "random-cuts-" + trial);
                        Thread.sleep(after);
                        fs.cut(booting);
                        outcome = "trial " + trial + ": cut " + after + " ms into a boot";
                    } else {
                        asked = "0.4." + trial;
                        AtomicReference<ResponseCode> answer = new AtomicReference<>();
                        Thread upload = post.uploadInBackground("PUT", "/mgmt/bundles/" + DIMMING,
                                SignedJars.release(base, asked), answer);
                        int after = random.nextInt(LATEST_UPDATE_CUT_MILLIS);
                        Thread.sleep(after);
                        fs.cut(post.process());
                        upload.join(30_000);
                        ResponseCode code = answer.get();
                        if (code == ResponseCode.CHANGED) {
                            acknowledged = asked;
                        }
                        outcome = "trial " + trial + ": cut " + after + " ms into an update to " + asked
                                + (code == null ? ", unanswered" : ", answered " + code);
                    }
                    try {
                        post = LampPost.start("random-cuts", data);
                        boots++;
                    } catch (IllegalStateException e) {
                        lost.add(outcome + ": the post did not boot: " + e.getMessage());
                        throw e;
                    }
                    Seen now = seen(post);
                    outcome += ", booted with dimming " + now.dimming();
                    if (acknowledged != null) {
                        committed = acknowledged;
                    } else if (asked != null && now.dimming().equals(asked)) {
                        committed = asked; // committed just as the power went: the new release is as good
                    }
                    lost.addAll(compare(outcome, first, now, committed));
                    outcomes.add(outcome);
                }
            } finally {
                post.close();
            }
            System.out.println(String.join("\n", outcomes));
            System.out.println("Random power cuts: " + fs.cuts() + " cuts (" + (trials + 1) / 2 + " mid-boot, "
                    + trials / 2 + " mid-update, the others on an idle post), " + boots + " boots, " + lost.size()
                    + " losses" + (lost.isEmpty() ? "" : ": " + lost));
        }
        assertThat(lost).as("boots that failed, bundles or links lost, acknowledged updates undone").isEmpty();
    }

    private static List<String> compare(String outcome, Seen first, Seen now, String committed) {
        List<String> lost = new ArrayList<>();
        Map<String, String> expected = new TreeMap<>(first.bundles());
        Map<String, String> actual = new TreeMap<>(now.bundles());
        if (!expected.equals(actual)) {
            lost.add(outcome + ": bundles " + expected + " became " + actual);
        }
        if (now.links() != first.links()) {
            lost.add(outcome + ": " + first.links() + " links became " + now.links());
        }
        if (!now.dimming().equals(committed)) {
            lost.add(outcome + ": the acknowledged dimming " + committed + " came back as " + now.dimming());
        }
        return lost;
    }

    /** Starts a post as {@link LampPost} does, without waiting for it: the cut lands while it boots. */
    private static Process bootWithoutWaiting(Path data, String name) throws Exception {
        Path logs = Path.of(System.getProperty("lampyris.e2e.logs", "target/post-logs"));
        Files.createDirectories(logs);
        List<String> command = LampPost.command("--port", Integer.toString(LampPost.freePort()), "--dtls-port",
                Integer.toString(LampPost.freePort()), "--data-dir", data.toString(), "--post-id", "random-cuts", "--dev",
                "--bind", "127.0.0.1");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Files.createTempFile(logs, name + "-", ".log").toFile()).start();
    }

    @SuppressWarnings("unchecked")
    private static Seen seen(LampPost post) throws Exception {
        try (CoapTestClient engineer = CoapTestClient.withPsk(LampPost.ENGINEER)) {
            CoapClient bundles = engineer.client(post.uri("/mgmt/bundles"));
            CoapClient links = engineer.client(post.plainUri("/.well-known/core"));
            try {
                CoapResponse list = bundles.get();
                assertThat(list.getCode()).as(list.getResponseText()).isEqualTo(ResponseCode.CONTENT);
                Map<String, String> states = new TreeMap<>();
                String dimming = null;
                for (Object o : (List<Object>) Json.parse(list.getPayload())) {
                    Map<String, Object> b = (Map<String, Object>) o;
                    states.put((String) b.get("symbolicName"), (String) b.get("state"));
                    if (DIMMING.equals(b.get("symbolicName"))) {
                        dimming = (String) b.get("version");
                    }
                }
                CoapResponse core = links.get();
                assertThat(core.getCode()).isEqualTo(ResponseCode.CONTENT);
                int count = core.getResponseText().split(",").length;
                return new Seen(states, count, dimming);
            } finally {
                bundles.shutdown();
                links.shutdown();
            }
        }
    }
}
