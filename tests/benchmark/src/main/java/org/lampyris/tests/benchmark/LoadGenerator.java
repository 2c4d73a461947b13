package org.lampyris.tests.benchmark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A CoAP GET load on one path of a server on 127.0.0.1, run in a process of its own so that it does not share a JVM
 * with what it measures. It keeps a fixed number of confirmable GETs outstanding ({@link OutstandingGets}) over plain
 * CoAP on a raw UDP socket ({@link UdpTransport}) or, with {@code --psk}, over DTLS on Scandium's connector used as a
 * bare transport ({@link DtlsTransport}); either way the client costs the server's machine little per request.
 * <p>
 * It runs a warm-up (over DTLS the handshake comes before it), prints {@code MEASURING}, runs the measured window,
 * stops sending, prints {@code MEASURED}, waits for a line (or the end) on its input and then prints one
 * {@link LoadResult} line. The benchmark reads the CPU time of the server, and of this process by thread, when it
 * sees the first two lines; this process's threads are all still there when it does.
 * <pre>
 * LoadGenerator --port N --path /light/level --outstanding N --warmup-seconds S --duration-seconds S
 *               [--psk identity:secret]
 * </pre>
 */
public final class LoadGenerator {
    /** Printed when the measured window starts. */
    static final String MEASURING = "MEASURING";
    /** Printed when the measured window ends. */
    static final String MEASURED = "MEASURED";

    private static final long TIMEOUT_SCAN_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long WAIT_MILLIS = 10;
    private static final int MAX_OUTSTANDING = 1024;
    private static final double MAX_SECONDS = 3600;

    private LoadGenerator() {
    }

    /**
     * Runs one load and prints its result line.
     *
     * @param args the command line, see the class description
     * @throws IOException when the socket cannot be opened or no DTLS session can be made
     */
    public static void main(String[] args) throws IOException {
        int port = 0;
        String path = "/light/level";
        int outstanding = 1;
        double warmup = 1;
        double duration = 5;
        PskKey psk = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--path" -> path = args[i + 1];
                case "--outstanding" -> outstanding = Integer.parseInt(args[i + 1]);
                case "--warmup-seconds" -> warmup = Double.parseDouble(args[i + 1]);
                case "--duration-seconds" -> duration = Double.parseDouble(args[i + 1]);
                case "--psk" -> psk = PskKey.parse(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (port < 1 || port > 65535 || outstanding < 1 || outstanding > MAX_OUTSTANDING || warmup < 0
                || warmup > MAX_SECONDS || duration <= 0 || duration > MAX_SECONDS) {
            System.err.println("usage: LoadGenerator --port N --path P --outstanding 1-" + MAX_OUTSTANDING
                    + " --warmup-seconds S --duration-seconds S (at most " + MAX_SECONDS + " s each)"
                    + " [--psk identity:secret]");
            System.exit(2);
        }
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        OutstandingGets gets = new OutstandingGets(path, outstanding);
        LoadResult result;
        try (GetTransport transport = psk == null ? new UdpTransport(server, gets)
                : new DtlsTransport(server, psk, path, gets)) {
            System.err.println("load generator: " + outstanding + " outstanding GET " + path + " over "
                    + transport.describe());
            result = run(gets, transport, warmup, duration);
        }
        System.out.println(result.line());
        System.out.flush();
        // Over DTLS the connectors' threads may still be winding down: the result is out, so stop here.
        System.exit(0);
    }

    private static LoadResult run(OutstandingGets gets, GetTransport transport, double warmupSeconds,
            double durationSeconds) throws IOException {
        long start = System.nanoTime();
        long warmupEnd = start + (long) (warmupSeconds * 1e9);
        long windowEnd = warmupEnd + (long) (durationSeconds * 1e9);
        long windowStart = 0;
        boolean measuring = false;
        long lastScan = start;
        gets.start(transport);
        while (true) {
            long now = System.nanoTime();
            if (!measuring && now >= warmupEnd) {
                gets.startWindow();
                measuring = true;
                windowStart = now;
                say(MEASURING);
            }
            if (now >= windowEnd) {
                LoadResult result = gets.finish((now - windowStart) / 1e9);
                say(MEASURED);
                // Its threads stay until the benchmark has read what they cost (it says so with a line, or by
                // closing this process's input).
                int c;
                do {
                    c = System.in.read();
                } while (c >= 0 && c != '\n');
                return result;
            }
            transport.awaitAnswers(WAIT_MILLIS);
            now = System.nanoTime();
            if (now - lastScan >= TIMEOUT_SCAN_NANOS) {
                lastScan = now;
                gets.expire(now);
            }
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
