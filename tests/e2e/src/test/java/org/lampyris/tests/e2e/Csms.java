package org.lampyris.tests.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.lampyris.internal.json.Json;
import org.lampyris.testkit.Await;

/**
 * A charge-point operator's central system for the OCPP tests: {@code src/test/node/csms.js}, on the npm package
 * {@code ocpp-rpc} 2.2.1 in strict mode (so that every message of the post is checked against the OCPP 1.6 JSON
 * schemas), run by Node on a free loopback port. What it receives is recorded, in order, as it reports it on its
 * standard output; {@link #call}, {@link #down} and {@link #up} steer it through its standard input. The packages
 * are installed from the committed lockfile ({@code npm ci}) when they are missing.
 */
final class Csms implements AutoCloseable {
    static final Path SCRIPTS = Path.of("src/test/node").toAbsolutePath();
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final Writer commands;
    private final List<Map<String, Object>> events = new ArrayList<>();
    private final StringBuilder errors = new StringBuilder();
    private int callNumber;
    final int port;

    private Csms(int heartbeatSeconds, Path tls) throws Exception {
        install();
        List<String> command = new ArrayList<>(List.of("node", SCRIPTS.resolve("csms.js").toString(), "0",
                Integer.toString(heartbeatSeconds)));
        if (tls != null) {
            command.add(tls.toString());
        }
        process = new ProcessBuilder(command).directory(SCRIPTS.toFile()).start();
        commands = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::read, "csms-stdout");
        reader.setDaemon(true);
        reader.start();
        Thread stderr = new Thread(() -> {
            try {
                String text = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                synchronized (errors) {
                    errors.append(text);
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, "csms-stderr");
        stderr.setDaemon(true);
        stderr.start();
        port = ((Number) await("the CSMS listening", e -> e.get("event").equals("listening")).get("port")).intValue();
    }

    /** Starts the CSMS; its BootNotification answers give this heartbeat interval. */
    static Csms start(int heartbeatSeconds) throws Exception {
        return new Csms(heartbeatSeconds, null);
    }

    /**
     * Starts the CSMS over TLS (wss://): {@code csms.pem} and {@code csms.key} in {@code tls} are its certificate and
     * key, {@code ca.pem} the authority of the client certificates it checks (security profile 3).
     */
    static Csms startTls(int heartbeatSeconds, Path tls) throws Exception {
        return new Csms(heartbeatSeconds, tls);
    }

    /**
     * @return whether Node.js and npm are installed, which the CSMS runs on; on CI (CI=true) their absence fails the
     *         test instead of skipping it
     */
    static boolean available() {
        boolean installed;
        try {
            installed = new ProcessBuilder("node", "--version").start().waitFor() == 0
                    && new ProcessBuilder("npm", "--version").start().waitFor() == 0;
        } catch (IOException e) {
            installed = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            installed = false;
        }
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("Node.js and npm are not installed: the OCPP tests run their CSMS (ocpp-rpc) on "
                    + "them");
        }
        return installed;
    }

    /** Installs ocpp-rpc from the lockfile if it is not there (.ci/run installs it before the build). */
    private static void install() throws Exception {
        if (Files.isDirectory(SCRIPTS.resolve("node_modules/ocpp-rpc"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(SCRIPTS.toFile())
                .redirectErrorStream(true).start();
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || npm.exitValue() != 0) {
            npm.destroyForcibly();
            throw new IllegalStateException("npm ci in " + SCRIPTS + " failed:\n" + output);
        }
    }

    @SuppressWarnings("unchecked")
    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null;) {
                Map<String, Object> event = (Map<String, Object>) Json.parse(line);
                synchronized (events) {
                    events.add(event);
                }
            }
        } catch (Exception e) {
            synchronized (errors) {
                errors.append("reading the CSMS: ").append(e);
            }
        }
    }

    /** @return everything the CSMS reported so far, in order */
    List<Map<String, Object>> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** @return the calls the charge point made of one action, in the order they arrived */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> calls(String action) {
        return events().stream().filter(e -> e.get("event").equals("call") && e.get("method").equals(action))
                .map(e -> (Map<String, Object>) e.get("params")).toList();
    }

    /** Waits for an event that satisfies the predicate; fails, showing what was recorded, if none comes. */
    Map<String, Object> await(String what, Predicate<Map<String, Object>> accepted) throws Exception {
        return await(what, Duration.ofSeconds(20), accepted);
    }

    Map<String, Object> await(String what, Duration within, Predicate<Map<String, Object>> accepted)
            throws Exception {
        Map<String, Object>[] found = new Map[1];
        boolean seen = Await.holdsWithin(within, () -> {
            for (Map<String, Object> e : events()) {
                if (accepted.test(e)) {
                    found[0] = e;
                    return true;
                }
            }
            return false;
        });
        if (!seen) {
            throw new AssertionError("the CSMS did not see " + what + " within " + within + "; it recorded:\n"
                    + String.join("\n", events().stream().map(Json::write).toList()) + "\n" + errors());
        }
        return found[0];
    }

    /** Waits for a call of the charge point that satisfies the predicate, and answers its parameters. */
    @SuppressWarnings("unchecked")
    Map<String, Object> awaitCall(String action, Predicate<Map<String, Object>> params) throws Exception {
        return (Map<String, Object>) await(action, e -> e.get("event").equals("call") && e.get("method").equals(action)
                && params.test((Map<String, Object>) e.get("params"))).get("params");
    }

    /** Calls the connected charge point and waits for its answer: the result, or the error event. */
    Map<String, Object> call(String method, Map<String, Object> params) throws Exception {
        String id = "test-" + ++callNumber;
        send(Map.of("cmd", "call", "id", id, "method", method, "params", params));
        return await("the answer to " + method, e -> id.equals(e.get("id")));
    }

    /** Answers the next BootNotifications with this status and interval. */
    void answerBoot(String status, int intervalSeconds) throws Exception {
        int before = count("boot");
        send(Map.of("cmd", "boot", "status", status, "interval", intervalSeconds));
        await("the new boot answer", e -> count("boot") > before);
    }

    /**
     * Sends a call as it is, past strict mode (a call the schemas refuse), and waits for the charge point's answer.
     *
     * @return the answer, an OCPP-J message as a list
     */
    @SuppressWarnings("unchecked")
    List<Object> callRaw(String action, Map<String, Object> params) throws Exception {
        String id = "raw-" + ++callNumber;
        send(Map.of("cmd", "raw", "message", List.of(2, id, action, params)));
        return (List<Object>) await("the answer to " + action, e -> e.get("event").equals("raw")
                && ((List<Object>) e.get("message")).get(1).equals(id)).get("message");
    }

    /** The CSMS goes away: its server closes and the charge point is dropped. */
    void down() throws Exception {
        int downs = count("down");
        send(Map.of("cmd", "down"));
        await("the server closed", e -> count("down") > downs);
    }

    /** The CSMS comes back on the same port. */
    void up() throws Exception {
        int listening = count("listening");
        send(Map.of("cmd", "up"));
        await("the server listening again", e -> count("listening") > listening);
    }

    private int count(String event) {
        return (int) events().stream().filter(e -> e.get("event").equals(event)).count();
    }

    private void send(Map<String, Object> command) throws IOException {
        commands.write(Json.write(command) + "\n");
        commands.flush();
    }

    String errors() {
        synchronized (errors) {
            return errors.toString();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            send(Map.of("cmd", "exit"));
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
