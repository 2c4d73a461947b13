package org.lampyris.tests.e2e;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;

import org.lampyris.testkit.Await;
import org.lampyris.testkit.CoapTestClient;

/**
 * A lamp post started from the built distribution ({@code runtime/target/lampyris/bin/lampyris}) as a separate
 * process, on free loopback ports, with a data directory of its own. {@link #close()} stops it with SIGTERM.
 */
final class LampPost implements AutoCloseable {
    static final Path DIST = Path.of(System.getProperty("lampyris.dist", "../../runtime/target/lampyris"))
            .toAbsolutePath().normalize();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** The development identities (identity:secret) of the distribution's conf/org.lampyris.security.cfg. */
    static final String ENGINEER = "city-engineer:engineer-secret";
    static final String OPERATOR = "city-operator:operator-secret";
    static final String READER = "integrator:integrator-secret";

    final int port;
    final int dtlsPort;
    final String postId;
    final Path dataDir;
    private final Path logFile;
    /** The distribution the post runs from: {@link #DIST}, or a copy with a conf/ of its own. */
    private final Path home;
    /** Started with --dev, accepting the public development identities, as every test's post but a street post's. */
    private final boolean development;
    /** LAMPYRIS_JAVA_OPTS for the post's JVM, or null for bin/lampyris's own. */
    private String javaOptions;
    private Process process;

    private LampPost(int port, int dtlsPort, String postId, Path dataDir, boolean development) throws IOException {
        this(DIST, port, dtlsPort, postId, dataDir, development);
    }

    private LampPost(Path home, int port, int dtlsPort, String postId, Path dataDir, boolean development)
            throws IOException {
        this.home = home;
        this.development = development;
        this.port = port;
        this.dtlsPort = dtlsPort;
        this.postId = postId;
        this.dataDir = dataDir;
        Path logs = Path.of(System.getProperty("lampyris.e2e.logs", "target/post-logs"));
        Files.createDirectories(logs);
        this.logFile = Files.createTempFile(logs, postId + "-", ".log");
    }

    /** Starts a development post (--dev) and waits until it says it listens. */
    static LampPost start(String postId, Path dataDir, String... options) throws Exception {
        LampPost post = new LampPost(freePort(), freePort(), postId, dataDir, true);
        post.launch(options);
        return post;
    }

    /**
     * Starts a development post from another distribution folder (a copy of {@link #DIST} whose conf/ holds the
     * test's configuration) and waits until it says it listens.
     */
    static LampPost startFrom(Path home, String postId, Path dataDir, String... options) throws Exception {
        return startFrom(home, postId, dataDir, START_TIMEOUT, options);
    }

    /** As {@link #startFrom(Path, String, Path, String...)}, waiting this long: for posts that boot together. */
    static LampPost startFrom(Path home, String postId, Path dataDir, Duration timeout, String... options)
            throws Exception {
        LampPost post = new LampPost(home, freePort(), freePort(), postId, dataDir, true);
        post.launch(timeout, options);
        return post;
    }

    /** Starts a street post (without --dev) and waits until it says it listens. */
    static LampPost startStreet(String postId, Path dataDir, String... options) throws Exception {
        LampPost post = new LampPost(freePort(), freePort(), postId, dataDir, false);
        post.launch(options);
        return post;
    }

    /**
     * Starts a development post in a small JVM (a smaller heap, the client compiler only), for tests that run dozens
     * of posts on one machine, and waits until it says it listens.
     */
    static LampPost startLight(String postId, Path dataDir, String... options) throws Exception {
        LampPost post = new LampPost(freePort(), freePort(), postId, dataDir, true);
        post.javaOptions = LIGHT_JVM;
        post.launch(options);
        return post;
    }

    /** The JVM of {@link #startLight}: still a whole post, with less heap and less compiling at startup. */
    static final String LIGHT_JVM = "-Xms16m -Xmx64m -XX:+UseSerialGC -XX:MaxMetaspaceSize=64m -Xss512k "
            + "-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1";

    /** Starts the same post again on its ports and data directory, after {@link #close()}, with these options. */
    LampPost restart(String... options) throws Exception {
        LampPost again = new LampPost(home, port, dtlsPort, postId, dataDir, development);
        again.javaOptions = javaOptions;
        again.launch(options);
        return again;
    }

    private void launch(String... options) throws Exception {
        launch(START_TIMEOUT, options);
    }

    private void launch(Duration timeout, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--dtls-port",
                Integer.toString(dtlsPort), "--data-dir", dataDir.toString(), "--post-id", postId, "--bind",
                "127.0.0.1"));
        if (development) {
            args.add("--dev");
        }
        args.addAll(List.of(options));
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/lampyris").toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile());
        if (javaOptions != null) {
            builder.environment().put("LAMPYRIS_JAVA_OPTS", javaOptions);
        }
        process = builder.start();
        boolean listening = Await.holdsWithin(timeout, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("lamp post " + postId + " exited with " + process.exitValue()
                        + ":\n" + log());
            }
            return log().contains(" listening on coap");
        });
        if (!listening) {
            close();
            throw new IllegalStateException("lamp post " + postId + " did not start within " + timeout
                    + ":\n" + log());
        }
    }

    static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(DIST.resolve("bin/lampyris").toString());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Uploads a JAR as the engineer on a thread of its own, for the kill and power-cut trials, which cut the post
     * under the request: whatever becomes of the request, what counts is how the post comes back.
     *
     * @param method {@code PUT} (an update of {@code /mgmt/bundles/BSN}) or {@code POST} (an install)
     * @param answer receives the response code if one comes; may be null
     */
    Thread uploadInBackground(String method, String path, byte[] jar, AtomicReference<ResponseCode> answer) {
        Thread upload = new Thread(() -> {
            try (CoapTestClient engineer = CoapTestClient.withPsk(ENGINEER)) {
                CoapClient client = engineer.client(uri(path));
                client.setTimeout(20_000L);
                CoapResponse r = method.equals("POST") ? client.post(jar, MediaTypeRegistry.APPLICATION_OCTET_STREAM)
                        : client.put(jar, MediaTypeRegistry.APPLICATION_OCTET_STREAM);
                if (r != null && answer != null) {
                    answer.set(r.getCode());
                }
                client.shutdown();
            } catch (Exception e) {
                // the post was cut under the request
            }
        }, "engineer-upload");
        upload.setDaemon(true);
        upload.start();
        return upload;
    }

    /** @return the answer to an engineer's GET over DTLS, which must be 2.05 */
    String engineerGet(String path) throws Exception {
        try (CoapTestClient engineer = CoapTestClient.withPsk(ENGINEER)) {
            CoapClient client = engineer.client(uri(path));
            CoapResponse r = client.get();
            client.shutdown();
            org.assertj.core.api.Assertions.assertThat(r.getCode()).as(r.getResponseText())
                    .isEqualTo(ResponseCode.CONTENT);
            return r.getResponseText();
        }
    }

    /** Sets properties of a configuration as an engineer would, through /mgmt/config; the answer must be 2.04. */
    void configure(String pid, String json) throws Exception {
        try (CoapTestClient engineer = CoapTestClient.withPsk(ENGINEER)) {
            CoapClient client = engineer.client(uri("/mgmt/config/" + pid));
            CoapResponse put = client.put(json, MediaTypeRegistry.APPLICATION_JSON);
            client.shutdown();
            org.assertj.core.api.Assertions.assertThat(put.getCode()).as(put.getResponseText())
                    .isEqualTo(ResponseCode.CHANGED);
        }
    }

    /** @return the URI of a path over DTLS (coaps://), where identities and roles apply */
    String uri(String path) {
        return "coaps://127.0.0.1:" + dtlsPort + path;
    }

    /** @return the URI of a path over plain CoAP, read-only and without an identity */
    String plainUri(String path) {
        return "coap://127.0.0.1:" + port + path;
    }

    String log() throws IOException {
        return Files.readString(logFile, StandardCharsets.UTF_8);
    }

    /** @return the journal record of a bundle's last transaction on this post, {@code null} if there is none */
    java.util.Properties journal(String symbolicName) throws IOException {
        Path record = dataDir.resolve("mgmt/transactions/" + symbolicName + ".properties");
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = Files.newInputStream(record)) {
            p.load(in);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
        return p;
    }

    /** @return the state of a bundle's last transaction on this post, {@code none} if there is none */
    String journalState(String symbolicName) throws IOException {
        java.util.Properties p = journal(symbolicName);
        return p == null ? "none" : p.getProperty("state");
    }

    Process process() {
        return process;
    }

    /** Stops the post with SIGTERM and waits for it; kills it if it does not stop. */
    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** @return a TCP port free on loopback now, for a peer a test starts (an HTTP server, say) */
    static int freeTcpPort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }
}
