package org.lampyris.hal.contract.modbus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A Modbus TCP device on a free loopback port, played by Debian's pymodbus ({@code python3-pymodbus}) and loaded with
 * a device profile's register map, so that a driver and its profile are tested against a real Modbus server without
 * hardware. The test drives it the way a device changes on its own: {@link #set} a value as the profile encodes it,
 * {@link #stop} and {@link #start} serving (the gateway leaves the network and comes back), {@link #freeze} it (the
 * TCP link stays up but nothing answers: a hung gateway), answer with Modbus exceptions. Every write a master makes is
 * kept and told to {@link #onWrite} listeners, so that a test can say what reached the bus and play the device's part
 * (a DALI gateway reports the level it was given as its actual level).
 * <p>
 * The device is the script {@code modbus_device.py} next to this class; run it by hand to try a profile on a laptop
 * ({@code /usr/bin/python3 modbus_device.py PROFILE.json --port 5020}; its docstring lists the commands).
 */
public final class PymodbusDevice implements AutoCloseable {
    /** The Python that Debian's pymodbus is installed for. */
    public static final String PYTHON = "/usr/bin/python3";
    private static final Duration ANSWER = Duration.ofSeconds(10);

    private final Path script;
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final List<String> writes = new ArrayList<>();
    private final List<Consumer<String>> writeListeners = new CopyOnWriteArrayList<>();
    // Listeners may command the device, whose answers the output reader delivers: they run on a thread of their own.
    private final ExecutorService listenerThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pymodbus-device-writes");
        t.setDaemon(true);
        return t;
    });
    private final int port;
    private boolean frozen;

    /**
     * @return whether Debian's pymodbus is installed; a test skips with this reason when it is not:
     *     {@link #MISSING}
     */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import pymodbus.server.async_io")
                    .redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Why a test that needs the device is skipped. */
    public static final String MISSING = "Debian's python3-pymodbus is not installed for " + PYTHON
            + " (apt-get install python3-pymodbus; .ci/run installs it): the Modbus tests are skipped";

    /**
     * Starts serving a profile's register map on a free loopback port.
     *
     * @param profile the profile's JSON file
     * @param initial MEANING=VALUE assignments the device starts with, e.g. {@code "power=12.5"}
     * @throws IllegalStateException if the device did not start, with what it said
     */
    public PymodbusDevice(Path profile, String... initial) throws IOException, InterruptedException {
        script = Files.createTempFile("modbus_device", ".py");
        try (InputStream in = PymodbusDevice.class.getResourceAsStream("modbus_device.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), profile.toString()));
        for (String assignment : initial) {
            command.add("--set");
            command.add(assignment);
        }
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readOutput, "pymodbus-device-output");
        reader.setDaemon(true);
        reader.start();
        String first = answer("PORT");
        if (!first.startsWith("PORT ")) {
            close();
            throw new IllegalStateException("the Modbus device did not start: " + first);
        }
        port = Integer.parseInt(first.substring(5).trim());
    }

    /** @return the loopback port it serves on */
    public int port() {
        return port;
    }

    /** Stores a value the way the profile encodes it, as the device itself would. */
    public void set(String meaning, double value) throws InterruptedException, IOException {
        command("set " + meaning + " " + value, "OK");
    }

    /** @return a value as the profile decodes it */
    public double get(String meaning) throws InterruptedException, IOException {
        String answer = command("get " + meaning, "VALUE ");
        return Double.parseDouble(answer.substring(answer.lastIndexOf(' ') + 1));
    }

    /** Answers every request with Modbus exception 2 (illegal data address) or 4 (device failure). */
    public void answerWithException(int code) throws InterruptedException, IOException {
        command("exception " + code, "OK");
    }

    /** Answers normally again after {@link #answerWithException}. */
    public void normal() throws InterruptedException, IOException {
        command("exception off", "OK");
    }

    /** Closes the listening socket and every connection: the gateway is gone from the network. */
    public void stop() throws InterruptedException, IOException {
        command("stop", "OK");
    }

    /** Serves again on the same port, with the registers it had. */
    public void start() throws InterruptedException, IOException {
        command("start", "PORT ");
    }

    /**
     * Stops the device's process (SIGSTOP): connections stay open and new ones are accepted by the kernel, but no
     * request is answered, as with a gateway that hangs. A master sees its timeouts, not a refused connection.
     */
    public synchronized void freeze() throws InterruptedException, IOException {
        signal("STOP");
        frozen = true;
    }

    /** Lets a frozen device go on (SIGCONT); it answers what it was asked meanwhile. */
    public synchronized void thaw() throws InterruptedException, IOException {
        signal("CONT");
        frozen = false;
    }

    /** @return every write a master made, oldest first: "holding ADDRESS V1 V2 ..." */
    public List<String> writes() {
        synchronized (writes) {
            return List.copyOf(writes);
        }
    }

    /**
     * Tells a listener of every write a master makes ("holding ADDRESS V1 V2 ..."), on a thread of the device's own,
     * from which it may command the device.
     */
    public void onWrite(Consumer<String> listener) {
        writeListeners.add(listener);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        synchronized (this) {
            if (frozen) {
                thaw();
            }
        }
        try {
            stdin.write("quit\n");
            stdin.flush();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        listenerThread.shutdownNow();
        Files.deleteIfExists(script);
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null;) {
                if (line.startsWith("WRITE ")) {
                    String write = line.substring(6);
                    synchronized (writes) {
                        writes.add(write);
                    }
                    for (Consumer<String> listener : writeListeners) {
                        listenerThread.execute(() -> {
                            try {
                                listener.accept(write);
                            } catch (RuntimeException e) {
                                System.err.println("pymodbus device: a write listener failed on '" + write + "': " + e);
                            }
                        });
                    }
                } else if (!line.isBlank()) {
                    answers.add(line);
                }
            }
        } catch (IOException e) {
            // the device was stopped
        }
    }

    private void signal(String signal) throws InterruptedException, IOException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    private synchronized String command(String line, String expected) throws InterruptedException, IOException {
        if (frozen) {
            throw new IllegalStateException("the Modbus device is frozen; thaw() it before '" + line + "'");
        }
        stdin.write(line + "\n");
        stdin.flush();
        String answer = answer(line);
        if (!answer.startsWith(expected)) {
            throw new IllegalStateException("the Modbus device answered '" + answer + "' to '" + line + "'");
        }
        return answer;
    }

    private String answer(String to) throws InterruptedException {
        String answer = answers.poll(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
        if (answer == null) {
            throw new IllegalStateException("the Modbus device did not answer '" + to + "' within " + ANSWER);
        }
        return answer;
    }
}
