package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.leshan.server.registration.Registration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A district powered at once: a lighting cabinet switches a circuit on at dusk and every post on it boots at the same
 * moment. Each post registers with the city's LwM2M server (Eclipse Leshan's server library) at a random moment of its
 * registration window ({@code registration.window.s} of {@code org.lampyris.lwm2m}), so that the server sees the
 * district arrive spread over the window rather than in one burst. The test starts the posts together with a short
 * window, and prints when each registered and the spread. {@code -Dlampyris.district.posts} sets how many posts (8 by
 * default: 20 JVMs booting together take about a minute and a half on 2 cores; 20 by hand) and
 * {@code -Dlampyris.district.window} the window in seconds (default 10).
 */
class DistrictPowerOnTest {
    private static final Pattern DRAWN = Pattern.compile("after (\\d+) ms, a random moment of its (\\d+) s "
            + "registration window");

    @TempDir
    Path work;

    @Test
    void postsPoweredAtTheSameMomentRegisterSpreadOverTheirRegistrationWindow() throws Exception {
        int count = Integer.getInteger("lampyris.district.posts", 8);
        int windowSeconds = Integer.getInteger("lampyris.district.window", 10);
        String conf = Files.readString(LampPost.DIST.resolve("conf/org.lampyris.lwm2m.cfg"))
                .replace("registration.window.s = -1", "registration.window.s = " + windowSeconds);
        assertThat(conf).contains("registration.window.s = " + windowSeconds);
        Path home = ModbusLuminaireTest.distributionWithConf(work.resolve("dist"), "org.lampyris.lwm2m.cfg", conf);

        List<LampPost> posts = new ArrayList<>();
        ExecutorService switchOn = Executors.newFixedThreadPool(count);
        try (Lwm2mServer server = new Lwm2mServer()) {
            long poweredOn = System.currentTimeMillis();
            List<Future<LampPost>> booting = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                String id = "district-" + i;
                booting.add(switchOn.submit(() -> LampPost.startFrom(home, id, work.resolve(id), "--lwm2m-server",
                        server.coapUri())));
            }
            List<String> failed = new ArrayList<>();
            for (Future<LampPost> f : booting) {
                try {
                    posts.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    failed.add(String.valueOf(e.getCause().getMessage()).lines().findFirst().orElse(""));
                }
            }
            assertThat(failed).as("posts that did not boot").isEmpty();

            List<Long> registered = new ArrayList<>();
            List<Long> drawn = new ArrayList<>();
            StringBuilder figures = new StringBuilder();
            for (LampPost post : posts) {
                // the last of them may still be waiting for its moment: the window, and the boots, at most
                Registration r = server.awaitRegistration(post.postId, reg -> true,
                        Duration.ofSeconds(windowSeconds + 120));
                long at = r.getRegistrationDate().getTime() - poweredOn;
                Matcher m = DRAWN.matcher(post.log());
                assertThat(m.find()).as("%s says when in its window it registers:%n%s", post.postId, post.log())
                        .isTrue();
                long delay = Long.parseLong(m.group(1));
                assertThat(delay).as("%s: a moment within the window", post.postId)
                        .isBetween(0L, windowSeconds * 1000L);
                assertThat(Long.parseLong(m.group(2))).isEqualTo(windowSeconds);
                registered.add(at);
                drawn.add(delay);
                figures.append(String.format("  %-12s delay %5d ms, registered %6d ms after power-on%n", post.postId,
                        delay, at));
            }
            long spread = registered.stream().mapToLong(Long::longValue).max().getAsLong()
                    - registered.stream().mapToLong(Long::longValue).min().getAsLong();
            long drawnSpread = drawn.stream().mapToLong(Long::longValue).max().getAsLong()
                    - drawn.stream().mapToLong(Long::longValue).min().getAsLong();
            long distinctSeconds = registered.stream().map(t -> t / 1000).distinct().count();
            System.out.print(figures);
            System.out.printf("District power-on: %d posts, %d s window; registrations spread over %.1f s at the "
                    + "server (delays drawn over %.1f s), in %d distinct seconds%n", count, windowSeconds,
                    spread / 1000.0, drawnSpread / 1000.0, distinctSeconds);

            // n moments drawn uniformly over the window span less than a quarter of it with a probability of about
            // n * 0.25^(n-1): 5e-4 for 8 posts. Slow boots on a loaded machine only spread them further.
            assertThat(drawnSpread).as("the delays drawn cover the window").isGreaterThanOrEqualTo(
                    windowSeconds * 1000L / 4);
            assertThat(distinctSeconds).as("registrations not all in the same second").isGreaterThan(1);
        } finally {
            switchOn.shutdownNow();
            for (LampPost post : posts) {
                post.close();
            }
        }
    }
}
