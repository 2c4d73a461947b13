package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.testkit.TestJar;

/**
 * The city engineer's canary rollout with the distribution's {@code bin/lampctl} over three lamp posts started from
 * the distribution on one machine: a signed bundle installed on all three, the second post already ahead on a higher
 * version, then a rollout of the next version that updates the canary, stops when the second post refuses the bundle
 * (4.09, lower than installed) and leaves the third untouched, and a table of which post runs which version.
 */
class LampctlRolloutTest {
    private static final String BSN = "org.lampyris.tests.beacon";
    private static final Path KEYSTORE = LampPost.DIST.resolve("conf/security/dev-code-signing.p12");

    @TempDir
    Path temp;
    private final List<LampPost> posts = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (LampPost post : posts) {
            post.close();
        }
    }

    @Test
    void aRolloutUpdatesTheCanaryAndStopsWhenTheSecondPostRefusesTheBundle() throws Exception {
        assertThat(KEYSTORE).as("the distribution's development code-signing key").exists();
        for (String id : List.of("elm-1", "elm-2", "elm-3")) {
            Path data = Files.createDirectories(temp.resolve(id));
            posts.add(LampPost.start(id, data));
        }
        String canary = host(0);
        String second = host(1);
        String third = host(2);
        Path hosts = temp.resolve("elm-street.txt");
        Files.writeString(hosts, "# Elm Street, canary first\n" + canary + "\n" + second + "\n" + third + "\n");
        Path v100 = signedBundle("1.0.0");
        Path v110 = signedBundle("1.1.0");
        Path v200 = signedBundle("2.0.0");

        Run install = lampctl("--hosts", hosts.toString(), "install", v100.toString());
        assertThat(install.exit()).as(install.err()).isZero();
        Run ahead = lampctl("--host", second, "update", v200.toString());
        assertThat(ahead.exit()).as(ahead.err()).isZero();

        Run rollout = lampctl("--hosts", hosts.toString(), "rollout", v110.toString());

        assertThat(rollout.exit()).as(rollout.err()).isEqualTo(1);
        String label = canary + ": PUT /mgmt/bundles/" + BSN + " " + v110.getFileName() + ": ";
        assertThat(rollout.err()).contains(label + Files.size(v110) + "/" + Files.size(v110) + " bytes (100%)")
                .contains("lampctl: " + second + ": PUT /mgmt/bundles/" + BSN + ": 4.09 Conflict: ")
                .contains("rollout stopped at " + second + "; 1 post not attempted")
                .doesNotContain(third + ": updating");
        List<String> table = rollout.out().lines().map(l -> l.replaceAll(" +", " ")).toList();
        assertThat(table).containsExactly("host " + BSN + " rollout", canary + " 1.1.0 updated",
                second + " 2.0.0 refused, 4.09 Conflict", third + " 1.0.0 not attempted");

        Run untouched = lampctl("--host", third, "bundle", BSN);
        assertThat(untouched.out()).contains("version: 1.0.0", "action: install");
    }

    private String host(int i) {
        return "127.0.0.1:" + posts.get(i).dtlsPort;
    }

    /** A bundle with no code and 4 KiB of data (so that its upload takes several blocks), signed by the dev signer. */
    private Path signedBundle(String version) throws IOException, InterruptedException {
        byte[] data = new byte[4096];
        new Random(version.hashCode()).nextBytes(data);
        Path jar = TestJar.bundle(BSN, version).header("Bundle-Vendor", "Lampyris tests")
                .entry("beacon/data.bin", data).writeTo(temp.resolve(BSN + "-" + version + ".jar"));
        return SignedJars.DEVELOPMENT_SIGNER.sign(jar);
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run lampctl(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(LampPost.DIST.resolve("bin/lampctl").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LAMPCTL_PSK", LampPost.ENGINEER);
        // The rollout's state file (a new one each run: the ports differ) under target/, not the home folder.
        builder.environment().put("XDG_STATE_HOME", Path.of("target/lampctl-state").toAbsolutePath().toString());
        Process p = builder.start();
        p.getOutputStream().close();
        // Read both streams while it runs, so that a long rollout cannot fill a pipe and stall.
        var out = new java.util.concurrent.CompletableFuture<String>();
        var err = new java.util.concurrent.CompletableFuture<String>();
        drain(p.getInputStream(), out);
        drain(p.getErrorStream(), err);
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("lampctl " + String.join(" ", args) + " did not exit");
        }
        return new Run(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
    }

    private static void drain(java.io.InputStream in, java.util.concurrent.CompletableFuture<String> into) {
        Thread t = new Thread(() -> {
            try {
                into.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                into.completeExceptionally(e);
            }
        }, "lampctl-output");
        t.setDaemon(true);
        t.start();
    }
}
