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
 * window, and prints when each registered and the spread. The posts have run before (one first boot, its data
 * directory copied to each), as the posts of a street have every evening. {@code -Dlampyris.district.posts} sets how
 * many posts (6 by default: 20 JVMs booting together on 2 cores take minutes; 20 by hand) and
 * {@code -Dlampyris.district.window} the window in seconds (default 10).
 */
class DistrictPowerOnTest {
    private static final Pattern DRAWN = Pattern.compile("after (\\d+) ms, a random moment of its (\\d+) s "
            + "registration window");

    @TempDir
    Path work;

    /** Copies a post's data directory, all but its lock. */
    private static void copy(Path from, Path to) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals("lampyris.lock")) {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    @Test
    void postsPoweredAtTheSameMomentRegisterSpreadOverTheirRegistrationWindow() throws Exception {
        int count = Integer.getInteger("lampyris.district.posts", 6);
        int windowSeconds = Integer.getInteger("lampyris.district.window", 10);
        String conf = Files.readString(LampPost.DIST.resolve("conf/org.lampyris.lwm2m.cfg"))
                .replace("registration.window.s = -1", "registration.window.s = " + windowSeconds);
        assertThat(conf).contains("registration.window.s = " + windowSeconds);
        Path home = ModbusLuminaireTest.distributionWithConf(work.resolve("dist"), "org.lampyris.lwm2m.cfg", conf);

        List<LampPost> posts = new ArrayList<>();
        ExecutorService switchOn = Executors.newFixedThreadPool(count);
        try (Lwm2mServer server = new Lwm2mServer()) {
            // The posts of a street have run before: one first boot, its data directory copied to every post, so
            // that the district boots as it does every evening (and the machine is spared N first boots at once).
            Path template = work.resolve("template");
            LampPost.startFrom(home, "district-template", template, "--lwm2m-server", server.coapUri()).close();
            for (int i = 1; i <= count; i++) {
                copy(template, work.resolve("district-" + i));
            }
            // The posts share the cores: each may take as long as the whole district alone would.
            Duration bootTimeout = Duration.ofSeconds(90L * Math.max(1, count / 2));
            long poweredOn = System.currentTimeMillis();
            List<Future<LampPost>> booting = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                String id = "district-" + i;
                booting.add(switchOn.submit(() -> LampPost.startFrom(home, id, work.resolve(id), bootTimeout,
                        "--lwm2m-server", server.coapUri())));
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
                        Duration.ofSeconds(windowSeconds).plus(bootTimeout));
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

            // n moments drawn uniformly over the window span less than a tenth of it with a probability of about
            // n * 0.1^(n-1): 6e-5 for 6 posts, far less for 20. Slow boots on a loaded machine spread them further.
            assertThat(drawnSpread).as("the delays drawn spread over the window").isGreaterThanOrEqualTo(
                    windowSeconds * 1000L / 10);
            assertThat(distinctSeconds).as("registrations not all in the same second").isGreaterThan(1);
        } finally {
            switchOn.shutdownNow();
            for (LampPost post : posts) {
                post.close();
            }
        }
    }
}
