package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.internal.json.Json;
import org.lampyris.testkit.Await;
import org.lampyris.testkit.CoapTestClient;

/**
 * The daily power cycle: a street light on a switched circuit loses power every morning and boots every evening, 365
 * times a year. One post, its data directory on {@link LazyFs}, is cut (SIGKILL, then every write it did not force is
 * dropped) again and again, and each time the power comes back at a random moment of a simulated winter night and
 * day in Amsterdam ({@code --clock-start}, {@code --clock-speed}). The cuts land on an idle post, during a
 * configuration change, during the write of an EV charging session that ends, and during a signed update of the
 * dimming bundle, in turn. After each cut:
 * <ul>
 * <li>the post boots and the lamp is at its scheduled level: the level the dimming plan gives for that moment (off
 * by day, 100 % from dusk, 50 % from 22:00, 100 % from 05:00 to dawn; the presence boost is off here so that the plan
 * alone decides), and the test measures the time from the start of the process to that level;</li>
 * <li>no acknowledged configuration, no finished EV session and no acknowledged update is lost;</li>
 * <li>the data directory does not grow from one cycle to the next: its size after each boot stays within a small
 * allowance of its size after a first cycle of every kind of write.</li>
 * </ul>
 * The test prints the figures: trials, boot-to-scheduled-level times and data directory sizes.
 * {@code -Dlampyris.cycle.trials} sets the trials (4 in the test command, one of each kind; 365 by hand) and
 * {@code -Dlampyris.cycle.seed} where they land.
 */
class PowerCycleTest {
    private static final String DIMMING = "org.lampyris.dimming";
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    /** The simulated day the cuts land in: noon on 21 December 2026 to noon the next day, local time. */
    private static final ZonedDateTime NOON = ZonedDateTime.of(2026, 12, 21, 12, 0, 0, 0, AMSTERDAM);
    /** Simulated time runs 30 times faster: a slow boot of 30 s moves the clock by 15 minutes. */
    private static final int CLOCK_SPEED = 30;
    /**
     * When the plan changes the level that day (sunset 16:29 and sunrise 08:48 at the site of
     * conf/org.lampyris.hal.sim.site.cfg; the night profile of conf/org.lampyris.dimming.cfg), and the level from
     * then on.
     */
    private static final List<Map.Entry<LocalTime, Integer>> PLAN = List.of(Map.entry(LocalTime.of(5, 0), 100),
            Map.entry(LocalTime.of(8, 48), 0), Map.entry(LocalTime.of(16, 29), 100),
            Map.entry(LocalTime.of(22, 0), 50));
    /** Moments this close after a change of the plan (the clock runs on while the post boots) are not drawn. */
    private static final Duration BEFORE_CHANGE = Duration.ofMinutes(75);
    private static final Duration AFTER_CHANGE = Duration.ofMinutes(10);
    /** The health window of conf/org.lampyris.management.cfg plus a margin: cuts land before and after answers. */
    private static final int LATEST_UPDATE_CUT_MILLIS = 6_000;
    /**
     * What the data directory may hold beyond its size after the first cycle of each kind: the EV session file fills
     * up to its 20 sessions kept, and a bundle's journal record differs by a few bytes. A leak of 200 bytes a cycle
     * would pass it within the year.
     */
    private static final long ALLOWANCE_BYTES = 64 * 1024;

    @TempDir
    Path work;

    /** What the post acknowledged so far, which every boot must show. */
    private int overrideMinutes = -1;
    private long finishedSession = -1;
    private String dimming;
    /** A configuration change the cut came before the answer of: the post may come back with it or without it. */
    private int pendingMinutes = -1;
    /** An update the cut came before the answer of: the post may come back with it or without it. */
    private String pendingUpdate;

    private final List<String> lost = new ArrayList<>();

    @Test
    void aPostCutAtRandomMomentsOfNightAndDayBootsToItsScheduledLevelLosesNothingAndDoesNotGrow() throws Exception {
        int trials = Integer.getInteger("lampyris.cycle.trials", 4);
        Random random = new Random(Long.getLong("lampyris.cycle.seed", 19));
        Path home = distribution(work.resolve("dist"));
        Path base = SignedJars.baseJar(DIMMING);
        List<Long> bootMillis = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        try (LazyFs fs = LazyFs.mount(work.resolve("lazyfs"))) {
            Path data = fs.root().resolve("data");
            ZonedDateTime moment = moment(random);
            LampPost post = LampPost.startFrom(home, "cycle-post", data, clock(moment));
            long baseline = -1;
            try {
                // A first write of every kind, each acknowledged: what a year of cycles keeps, from the start.
                awaitScheduledLevel(post, moment);
                changeConfiguration(post, random, 0);
                endSession(post, random, 0);
                update(post, base, "0.5.0", -1);
                fs.cut(post.process());
                moment = moment(random);
                post = boot(post, moment, bootMillis);
                baseline = size(data);
                System.out.printf("Power cycle: data directory %d bytes after a first cycle of every kind of write%n",
                        baseline);
                for (int trial = 1; trial <= trials; trial++) {
                    String outcome = switch (trial % 4) {
                    case 1 -> {
                        int after = random.nextInt(3_000);
                        Thread.sleep(after);
                        yield "cut " + after + " ms into an idle post";
                    }
                    case 2 -> changeConfiguration(post, random, trial);
                    case 3 -> endSession(post, random, trial);
                    default -> update(post, base, "0.5." + trial, random.nextInt(LATEST_UPDATE_CUT_MILLIS));
                    };
                    fs.cut(post.process());
                    moment = moment(random);
                    post = boot(post, moment, bootMillis);
                    long size = size(data);
                    sizes.add(size);
                    outcomes.add(String.format("trial %d: %s; power back at %s, scheduled level %d %% after %d ms, "
                            + "data %d bytes", trial, outcome, moment.toLocalTime(), scheduledLevel(moment),
                            bootMillis.get(bootMillis.size() - 1), size));
                    if (size > baseline + ALLOWANCE_BYTES) {
                        lost.add("trial " + trial + ": the data directory grew from " + baseline + " to " + size
                                + " bytes: " + largest(data));
                    }
                }
            } finally {
                post.close();
            }
            System.out.println(String.join("\n", outcomes));
            long[] sorted = bootMillis.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("Power cycle: %d trials, %d cuts; power-on to scheduled level min %d, median %d, max %d "
                    + "ms; data directory %d bytes after the first cycle, %d to %d bytes after the trials; "
                    + "%d losses%s%n",
                    trials, fs.cuts(), sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1], baseline,
                    sizes.stream().mapToLong(Long::longValue).min().orElse(0),
                    sizes.stream().mapToLong(Long::longValue).max().orElse(0), lost.size(),
                    lost.isEmpty() ? "" : ": " + lost);
        }
        assertThat(lost).as("boots at the wrong level, acknowledged writes lost, a growing data directory").isEmpty();
    }

    /**
     * Boots the post after a cut, the power back at a moment, and checks what it shows: the scheduled level, and
     * every acknowledged write.
     */
    private LampPost boot(LampPost cut, ZonedDateTime moment, List<Long> bootMillis) throws Exception {
        long start = System.nanoTime();
        LampPost post = cut.restart(clock(moment));
        awaitScheduledLevel(post, moment);
        bootMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        try (CoapTestClient engineer = CoapTestClient.withPsk(LampPost.ENGINEER)) {
            Object minutes = ((Map<?, ?>) Json.parse(request(engineer, post, "GET", "/mgmt/config/" + DIMMING, null)
                    .getPayload())).get("override.minutes");
            if (String.valueOf(pendingMinutes).equals(String.valueOf(minutes))) {
                overrideMinutes = pendingMinutes;
            }
            pendingMinutes = -1;
            if (!String.valueOf(overrideMinutes).equals(String.valueOf(minutes))) {
                lost.add("override.minutes " + overrideMinutes + " came back as " + minutes);
            }
            Map<?, ?> sessions = (Map<?, ?>) Json.parse(request(engineer, post, "GET", "/ev/sessions", null)
                    .getPayload());
            boolean kept = ((List<?>) sessions.get("recent")).stream()
                    .anyMatch(s -> ((Number) ((Map<?, ?>) s).get("id")).longValue() == finishedSession);
            if (!kept) {
                lost.add("finished EV session " + finishedSession + " is not among " + sessions.get("recent"));
            }
            Map<String, Object> bundle = RemoteUpdateTest.describe(engineer, post);
            if (pendingUpdate != null && pendingUpdate.equals(bundle.get("version"))) {
                dimming = pendingUpdate;
            }
            pendingUpdate = null;
            if (!dimming.equals(bundle.get("version")) || !"ACTIVE".equals(bundle.get("state"))) {
                lost.add("the acknowledged dimming " + dimming + " came back as " + bundle.get("version") + " "
                        + bundle.get("state"));
            }
        }
        return post;
    }

    /** Waits until the lamp is at the level the plan gives for the moment the power came back. */
    private static void awaitScheduledLevel(LampPost post, ZonedDateTime moment) throws Exception {
        String expected = Integer.toString(scheduledLevel(moment));
        try (CoapTestClient reader = CoapTestClient.withPsk(LampPost.READER)) {
            CoapClient level = reader.client(post.uri("/light/level"));
            try {
                Await.until("the lamp is at its scheduled level, " + expected + " % at " + moment.toLocalTime(),
                        Duration.ofSeconds(60), () -> {
                            CoapResponse r = level.get();
                            return r == null ? null : r.getResponseText();
                        }, expected::equals);
            } finally {
                level.shutdown();
            }
        }
    }

    /** Changes the dimming configuration; the cut follows within 300 ms, before or after its answer. */
    private String changeConfiguration(LampPost post, Random random, int trial) throws Exception {
        int minutes = 10 + trial;
        AtomicReference<ResponseCode> answer = new AtomicReference<>();
        Thread put = inBackground(post, "PUT", "/mgmt/config/" + DIMMING, "{\"override.minutes\": " + minutes + "}",
                MediaTypeRegistry.APPLICATION_JSON, answer, null);
        int after = trial == 0 ? -1 : random.nextInt(300);
        acknowledged(put, after);
        if (answer.get() == ResponseCode.CHANGED) {
            overrideMinutes = minutes;
        } else if (trial != 0) {
            pendingMinutes = minutes; // stored just as the power went, it is as good as the old value
        } else {
            throw new AssertionError("the first configuration change was not taken: " + answer.get());
        }
        return "cut " + after + " ms into a configuration change, " + (answer.get() == null ? "unanswered"
                : "answered " + answer.get());
    }

    /** Starts a charging session and stops it; the cut follows the stop within 300 ms, before or after its answer. */
    private String endSession(LampPost post, Random random, int trial) throws Exception {
        try (CoapTestClient operator = CoapTestClient.withPsk(LampPost.OPERATOR)) {
            Map<?, ?> sessions = (Map<?, ?>) Json.parse(request(operator, post, "GET", "/ev/sessions", null)
                    .getPayload());
            if (sessions.get("running") != null) { // cut before its stop last time: it may run on after the boot
                request(operator, post, "POST", "/ev/sessions", "stop");
            }
            CoapResponse started = request(operator, post, "POST", "/ev/sessions", "card-" + trial);
            assertThat(started.getCode().isSuccess()).as("POST /ev/sessions: %s", started.getResponseText()).isTrue();
        }
        AtomicReference<ResponseCode> answer = new AtomicReference<>();
        AtomicReference<byte[]> ended = new AtomicReference<>();
        Thread stop = inBackground(post, "POST", "/ev/sessions", "stop", MediaTypeRegistry.TEXT_PLAIN, answer, ended);
        int after = trial == 0 ? -1 : random.nextInt(300);
        acknowledged(stop, after);
        if (answer.get() != null && answer.get().isSuccess()) {
            finishedSession = ((Number) ((Map<?, ?>) Json.parse(ended.get())).get("id")).longValue();
        } else if (trial == 0) {
            throw new AssertionError("the first session did not end: " + answer.get());
        }
        return "cut " + after + " ms into the end of an EV session, " + (answer.get() == null ? "unanswered"
                : "answered " + answer.get());
    }

    /**
     * Updates the dimming bundle with a signed release; the cut follows this many milliseconds after the upload
     * began, or, if negative, the answer.
     */
    private String update(LampPost post, Path base, String version, int cutAfter) throws Exception {
        AtomicReference<ResponseCode> answer = new AtomicReference<>();
        Thread upload = post.uploadInBackground("PUT", "/mgmt/bundles/" + DIMMING, SignedJars.release(base, version),
                answer);
        if (cutAfter < 0) {
            upload.join(60_000);
            assertThat(answer.get()).as("the first update").isEqualTo(ResponseCode.CHANGED);
        } else {
            Thread.sleep(cutAfter);
        }
        if (answer.get() == ResponseCode.CHANGED) {
            dimming = version;
        } else {
            pendingUpdate = version; // committed just as the power went, it is as good as the old one
        }
        return "cut " + cutAfter + " ms into an update to " + version + ", " + (answer.get() == null ? "unanswered"
                : "answered " + answer.get());
    }

    /** Waits for a request sent in the background: for its answer (after &lt; 0), or this long, then it is cut. */
    private static void acknowledged(Thread request, int after) throws InterruptedException {
        if (after < 0) {
            request.join(30_000);
        } else {
            Thread.sleep(after);
        }
    }

    private static Thread inBackground(LampPost post, String method, String path, String body, int format,
            AtomicReference<ResponseCode> answer, AtomicReference<byte[]> payload) {
        Thread t = new Thread(() -> {
            String identity = path.startsWith("/mgmt") ? LampPost.ENGINEER : LampPost.OPERATOR;
            try (CoapTestClient client = CoapTestClient.withPsk(identity)) {
                CoapClient c = client.client(post.uri(path));
                c.setTimeout(20_000L);
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                CoapResponse r = method.equals("PUT") ? c.put(bytes, format) : c.post(bytes, format);
                if (r != null) {
                    if (payload != null) {
                        payload.set(r.getPayload());
                    }
                    answer.set(r.getCode());
                }
                c.shutdown();
            } catch (Exception e) {
                // the post was cut under the request
            }
        }, "cycle-request");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static CoapResponse request(CoapTestClient client, LampPost post, String method, String path,
            String text) throws Exception {
        CoapClient c = client.client(post.uri(path));
        c.setTimeout(30_000L);
        try {
            CoapResponse r = method.equals("GET") ? c.get()
                    : c.post(text.getBytes(StandardCharsets.UTF_8), MediaTypeRegistry.TEXT_PLAIN);
            assertThat(r).as("%s %s answered", method, path).isNotNull();
            if (method.equals("GET")) {
                assertThat(r.getCode()).as("GET %s: %s", path, r.getResponseText()).isEqualTo(ResponseCode.CONTENT);
            }
            return r;
        } finally {
            c.shutdown();
        }
    }

    /** @return a random moment of the simulated day, far enough from a change of the plan */
    private static ZonedDateTime moment(Random random) {
        while (true) {
            ZonedDateTime m = NOON.plusSeconds(random.nextInt(24 * 3600));
            boolean clear = PLAN.stream().allMatch(change -> {
                ZonedDateTime at = m.with(change.getKey());
                return Stream.of(at.minusDays(1), at, at.plusDays(1)).allMatch(
                        t -> m.isBefore(t.minus(BEFORE_CHANGE)) || m.isAfter(t.plus(AFTER_CHANGE)));
            });
            if (clear) {
                return m;
            }
        }
    }

    /** @return the level the plan gives at a moment: that of the last change before it */
    static int scheduledLevel(ZonedDateTime moment) {
        LocalTime t = moment.withZoneSameInstant(AMSTERDAM).toLocalTime();
        int level = PLAN.get(PLAN.size() - 1).getValue(); // before 05:00: the night profile since 22:00
        for (Map.Entry<LocalTime, Integer> change : PLAN) {
            if (!t.isBefore(change.getKey())) {
                level = change.getValue();
            }
        }
        return level;
    }

    private static String[] clock(ZonedDateTime moment) {
        return new String[] { "--clock-speed", Integer.toString(CLOCK_SPEED), "--clock-start",
                moment.toInstant().toString() };
    }

    /**
     * @return a distribution whose conf/ turns the presence boost off (the plan alone decides the level) and keeps a
     *         vehicle at the simulated charge point (a session can start whenever the test asks)
     */
    private static Path distribution(Path home) throws Exception {
        String dimming = Files.readString(LampPost.DIST.resolve("conf/org.lampyris.dimming.cfg"))
                .replaceFirst("(?m)^boost\\.level = .*$", "boost.level = 0");
        ModbusLuminaireTest.distributionWithConf(home, "org.lampyris.dimming.cfg", dimming);
        String ev = Files.readString(LampPost.DIST.resolve("conf/org.lampyris.hal.sim.ev.cfg"))
                .replaceFirst("(?m)^vehicle\\.connected = .*$", "vehicle.connected = true")
                .replaceFirst("(?m)^arrivals\\.per\\.day = .*$", "arrivals.per.day = 0");
        Files.writeString(home.resolve("conf/org.lampyris.hal.sim.ev.cfg"), ev);
        assertThat(dimming).contains("boost.level = 0");
        assertThat(ev).contains("vehicle.connected = true");
        return home;
    }

    /** @return the bytes of the files in a directory tree (the lock file aside, which holds nothing) */
    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("lampyris.lock"))
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            return 0; // gone meanwhile
                        }
                    }).sum();
        }
    }

    /** @return the largest files of a directory tree, to say what grew */
    private static String largest(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted((a, b) -> Long.compare(b.toFile().length(),
                    a.toFile().length())).limit(8).map(p -> dir.relativize(p) + " " + p.toFile().length())
                    .toList().toString();
        }
    }
}
