package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.testkit.CoapTestClient;

/**
 * What durability costs the flash: the bytes a post writes into its data directory and the fsyncs it makes there, per
 * configuration change and per boot, measured with strace on the post process (the README's "Durability" section
 * quotes these figures). A first boot installs the bundle cache; a later boot should write next to nothing. Skipped,
 * saying so, where strace is not installed or may not trace.
 */
class FlashCostTest {
    private static final String SYSCALLS = "write,pwrite64,writev,pwritev,pwritev2,fsync,fdatasync";
    private static final int CHANGES = 5;
    /** One completed call: pid, time (epoch seconds), name, file descriptor's path, result. */
    private static final Pattern CALL = Pattern.compile(
            "^\\d+\\s+(\\d+\\.\\d+)\\s+(\\w+)\\(\\d+<([^>]*)>.*\\)\\s+=\\s+(-?\\d+)");

    @TempDir
    Path work;

    /** Bytes written and fsyncs into the data directory over one stretch of a post's life. */
    private record Cost(long bytes, int fsyncs) {
        Cost per(int n) {
            return new Cost(bytes / n, (fsyncs + n - 1) / n);
        }

        @Override
        public String toString() {
            return bytes + " bytes, " + fsyncs + " fsyncs";
        }
    }

    @Test
    void aConfigurationChangeCostsTwoFsyncsAndAFewHundredBytesAndALaterBootForcesNothing() throws Exception {
        Assumptions.assumeTrue(run("strace", "-V") == 0, "strace is not installed (apt-get install strace)");
        Path data = work.resolve("data");

        // The traces stay beside the posts' logs, to look into what a figure is made of.
        Path traces = Files.createDirectories(Path.of(System.getProperty("lampyris.e2e.logs", "target/post-logs")));
        // Both runs on the same ports, as a post in the street: other ports would make conf/ apply again.
        int[] ports = { LampPost.freePort(), LampPost.freePort() };
        Traced first = Traced.start(traces.resolve("flash-cost-first.trace"), data, ports);
        long booted = System.currentTimeMillis();
        int port = ports[1];
        try (CoapTestClient engineer = CoapTestClient.withPsk(LampPost.ENGINEER)) {
            for (int i = 1; i <= CHANGES; i++) {
                CoapClient client = engineer.client("coaps://127.0.0.1:" + port + "/mgmt/config/org.lampyris.dimming");
                CoapResponse r = client.put("{\"override.minutes\": " + (20 + i) + "}",
                        MediaTypeRegistry.APPLICATION_JSON);
                client.shutdown();
                assertThat(r.getCode()).as(r.getResponseText()).isEqualTo(ResponseCode.CHANGED);
            }
        }
        long changed = System.currentTimeMillis();
        first.stop();
        Traced later = Traced.start(traces.resolve("flash-cost-later.trace"), data, ports);
        long laterBooted = System.currentTimeMillis();
        later.stop();

        Cost firstBoot = cost(first.trace, data, first.started, booted);
        Cost change = cost(first.trace, data, booted, changed).per(CHANGES);
        Cost laterBoot = cost(later.trace, data, later.started, laterBooted);
        System.out.println("Flash cost (bytes written into the data directory, fsyncs there), measured with strace: "
                + "first boot " + firstBoot + "; a configuration change " + change + "; a later boot " + laterBoot);

        assertThat(change.fsyncs()).as("a change is forced: the file, then its folder").isEqualTo(2);
        assertThat(change.bytes()).as("a change rewrites one small file").isBetween(1L, 2_048L);
        assertThat(laterBoot.bytes()).as("a later boot rewrites no bundle").isLessThan(16_384L);
        assertThat(laterBoot.fsyncs()).as("a later boot that changes nothing forces nothing").isZero();
    }

    /** @return what the calls in the trace between two moments cost the data directory */
    private static Cost cost(Path trace, Path data, long fromMillis, long toMillis) throws Exception {
        String prefix = data.toAbsolutePath().toString();
        long bytes = 0;
        int fsyncs = 0;
        for (String line : joined(Files.readAllLines(trace, StandardCharsets.UTF_8))) {
            Matcher m = CALL.matcher(line);
            if (!m.find() || !m.group(3).startsWith(prefix)) {
                continue;
            }
            long at = (long) (Double.parseDouble(m.group(1)) * 1000);
            long result = Long.parseLong(m.group(4));
            if (at < fromMillis || at > toMillis || result < 0) {
                continue;
            }
            if (m.group(2).startsWith("f")) {
                fsyncs++;
            } else {
                bytes += result;
            }
        }
        return new Cost(bytes, fsyncs);
    }

    /** Joins each call that strace split around another thread's ({@code <unfinished ...>}, {@code resumed>}). */
    private static List<String> joined(List<String> lines) {
        Map<String, String> unfinished = new HashMap<>();
        List<String> calls = new ArrayList<>();
        for (String line : lines) {
            String pid = line.split("\\s+", 2)[0];
            if (line.endsWith("<unfinished ...>")) {
                unfinished.put(pid, line.substring(0, line.length() - "<unfinished ...>".length()));
            } else if (line.contains(" resumed>")) {
                String start = unfinished.remove(pid);
                if (start != null) {
                    calls.add(start + line.substring(line.indexOf(" resumed>") + " resumed>".length()));
                }
            } else {
                calls.add(line);
            }
        }
        return calls;
    }

    /** A post run under strace, which writes every traced call to a file. */
    private static final class Traced {
        final Path trace;
        final long started = System.currentTimeMillis();
        private final Process strace;
        private final Path log;

        private Traced(Path trace, Process strace, Path log) {
            this.trace = trace;
            this.strace = strace;
            this.log = log;
        }

        /** @param ports the CoAP and the DTLS port */
        static Traced start(Path trace, Path data, int[] ports) throws Exception {
            List<String> command = new ArrayList<>(List.of("strace", "-f", "--seccomp-bpf", "-y", "-ttt", "-qq",
                    "-e", "trace=" + SYSCALLS, "-o", trace.toString(), "--"));
            command.addAll(LampPost.command("--port", Integer.toString(ports[0]), "--dtls-port",
                    Integer.toString(ports[1]), "--data-dir", data.toString(), "--post-id", "flash-cost", "--dev", "--bind",
                    "127.0.0.1"));
            Path log = Files.createTempFile(trace.getParent(), "flash-cost-", ".log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Traced traced = new Traced(trace, p, log);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(log).contains(" listening on coap")) {
                if (!p.isAlive()) {
                    String output = Files.readString(log);
                    Assumptions.assumeFalse(output.contains("ptrace"), "strace may not trace here: " + output);
                    throw new IllegalStateException("the post under strace exited:\n" + output);
                }
                if (System.nanoTime() > deadline) {
                    traced.stop();
                    throw new IllegalStateException("the post under strace did not start:\n" + Files.readString(log));
                }
                Thread.sleep(100);
            }
            return traced;
        }

        /** Stops the post with SIGTERM (strace itself would only let go of it) and waits for strace to finish. */
        void stop() throws Exception {
            Optional<ProcessHandle> post = strace.children().findFirst();
            post.ifPresent(ProcessHandle::destroy);
            if (!strace.waitFor(60, TimeUnit.SECONDS)) {
                post.ifPresent(ProcessHandle::destroyForcibly);
                strace.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            assertThat(Files.readString(log)).as("the post stopped cleanly").contains(" stopped");
        }
    }

    private static int run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (Exception e) {
            return -1;
        }
    }
}
