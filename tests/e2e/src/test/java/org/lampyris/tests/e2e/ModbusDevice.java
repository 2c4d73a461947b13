package org.lampyris.tests.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Modbus device served by Debian's pymodbus ({@code modbus_device.py} of hal/contract, which vendors get too) over
 * TCP on a free loopback port, or over RTU on a serial device (one end of a {@link SerialPair}), loaded with a device
 * profile's register map, and driven through its stdin: set a register, stop and start serving, answer with Modbus
 * exceptions. Every write a master makes is kept, so that a test can tell what reached the bus.
 */
final class ModbusDevice implements AutoCloseable {
    static final String PYTHON = "/usr/bin/python3";
    static final Path SCRIPT = Path.of("../../hal/contract/src/main/resources/org/lampyris/hal/contract/modbus/"
            + "modbus_device.py").toAbsolutePath().normalize();
    static final Path PROFILES = Path.of("../../hal/modbus/src/main/resources/org/lampyris/hal/modbus/profile/profiles")
            .toAbsolutePath().normalize();
    private static final Duration ANSWER = Duration.ofSeconds(10);

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final List<String> writes = new ArrayList<>();
    /** The TCP port it serves on; -1 on a serial line. */
    final int port;

    /**
     * @return whether Debian's pymodbus is installed; on CI (CI=true), where {@code .ci/run} installs it, its absence
     *         fails the test instead of skipping it
     */
    static boolean available() {
        boolean installed;
        try {
            installed = new ProcessBuilder(PYTHON, "-c", "import pymodbus.server.async_io").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            installed = false;
        }
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("Debian's python3-pymodbus is not installed; .ci/run installs it");
        }
        return installed;
    }

    /**
     * @param profile a shipped profile's name
     * @param initial MEANING=VALUE assignments the device starts with
     */
    ModbusDevice(String profile, String... initial) throws Exception {
        this(List.of(), profile, initial);
    }

    /**
     * A device on a serial line, speaking Modbus RTU.
     *
     * @param serialDevice the device's end of the line
     * @param line the line settings: "--baud", "19200", "--parity", "E", ...
     */
    static ModbusDevice onSerialLine(Path serialDevice, List<String> line, String profile, String... initial)
            throws Exception {
        List<String> options = new ArrayList<>(List.of("--serial", serialDevice.toString()));
        options.addAll(line);
        return new ModbusDevice(options, profile, initial);
    }

    private ModbusDevice(List<String> options, String profile, String... initial) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON, SCRIPT.toString(),
                PROFILES.resolve(profile + ".json").toString()));
        command.addAll(options);
        for (String assignment : initial) {
            command.add("--set");
            command.add(assignment);
        }
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null;) {
                    if (line.startsWith("WRITE ")) {
                        synchronized (writes) {
                            writes.add(line.substring(6));
                        }
                    } else if (!line.isBlank()) {
                        answers.add(line);
                    }
                }
            } catch (IOException e) {
                // the device was stopped
            }
        }, "modbus-device-output");
        reader.setDaemon(true);
        reader.start();
        String first = answer();
        if (!first.startsWith("PORT ") && !first.startsWith("SERIAL ")) {
            close();
            throw new IllegalStateException("the Modbus device did not start: " + first);
        }
        port = first.startsWith("PORT ") ? Integer.parseInt(first.substring(5)) : -1;
    }

    /** Stores a value the way the profile encodes it, as the device itself would. */
    void set(String meaning, double value) throws Exception {
        command("set " + meaning + " " + value, "OK");
    }

    /** @return a value as the profile decodes it */
    double get(String meaning) throws Exception {
        String answer = command("get " + meaning, "VALUE ");
        return Double.parseDouble(answer.substring(answer.lastIndexOf(' ') + 1));
    }

    /** Answers every request with Modbus exception 2 or 4 until {@link #normal()}. */
    void answerWithException(int code) throws Exception {
        command("exception " + code, "OK");
    }

    void normal() throws Exception {
        command("exception off", "OK");
    }

    /** Closes the listening socket and every connection: the gateway is gone from the network. */
    void stop() throws Exception {
        command("stop", "OK");
    }

    /** Serves again on the same port, with the registers it had. */
    void start() throws Exception {
        command("start", "PORT ");
    }

    /** @return every write a master made: "holding ADDRESS V1 V2 ..." */
    List<String> writes() {
        synchronized (writes) {
            return List.copyOf(writes);
        }
    }

    private synchronized String command(String line, String expected) throws Exception {
        stdin.write(line + "\n");
        stdin.flush();
        String answer = answer();
        if (!answer.startsWith(expected)) {
            throw new IllegalStateException("the Modbus device answered '" + answer + "' to '" + line + "'");
        }
        return answer;
    }

    private String answer() throws InterruptedException {
        String answer = answers.poll(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
        if (answer == null) {
            throw new IllegalStateException("the Modbus device did not answer within " + ANSWER);
        }
        return answer;
    }

    @Override
    public void close() throws Exception {
        try {
            stdin.write("quit\n");
            stdin.flush();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
