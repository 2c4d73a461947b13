package org.lampyris.tests.benchmark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;

/**
 * A CoAP GET load on one path of a server on 127.0.0.1, run in a process of its own so that it does not share a JVM
 * with what it measures. It keeps a fixed number of confirmable GETs outstanding on a raw UDP socket: one
 * precomputed datagram whose message ID and token are rewritten per request, the token being the index of the
 * outstanding slot. Before message IDs would repeat (65,536 requests) it waits for the requests in flight and moves
 * to a fresh socket, so a fresh source port. A request not answered within the CoAP ACK timeout (2 s) counts as
 * failed and its slot sends a new one; there are no retransmissions.
 * <p>
 * It runs a warm-up, prints {@code MEASURING}, runs the measured window, prints {@code MEASURED} and then one
 * {@link LoadResult} line. The benchmark reads the server's CPU time when it sees the first two lines.
 * <pre>
 * LoadGenerator --port N --path /light/level --outstanding N --warmup-seconds S --duration-seconds S
 * </pre>
 */
public final class LoadGenerator {
    /** Printed when the measured window starts. */
    static final String MEASURING = "MEASURING";
    /** Printed when the measured window ends. */
    static final String MEASURED = "MEASURED";

    private static final long RESPONSE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long TIMEOUT_SCAN_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final int REQUESTS_PER_SOCKET = 65_536;
    private static final int TOKEN_LENGTH = 2;
    private static final int MAX_OUTSTANDING = 1024;
    private static final double MAX_SECONDS = 3600;

    private final InetSocketAddress server;
    private final int outstanding;
    private final ByteBuffer request;
    private final ByteBuffer response = ByteBuffer.allocate(2048);
    private final long[] sentAt;
    private final int[] messageIdOf;
    private final LatencyHistogram latencies = new LatencyHistogram();
    private final Selector selector;
    private DatagramChannel channel;
    private int requestsOnSocket;
    private int inFlight;
    private long answered;
    private long failed;

    private LoadGenerator(int port, String path, int outstanding) throws IOException {
        this.server = new InetSocketAddress("127.0.0.1", port);
        this.outstanding = outstanding;
        this.request = ByteBuffer.wrap(CoapDatagram.request(CoapDatagram.CON, CoapDatagram.GET, 0,
                new byte[TOKEN_LENGTH], path, -1, null));
        this.sentAt = new long[outstanding];
        this.messageIdOf = new int[outstanding];
        this.selector = Selector.open();
    }

    /**
     * Runs one load and prints its result line.
     *
     * @param args the command line, see the class description
     * @throws IOException when the socket cannot be opened
     */
    public static void main(String[] args) throws IOException {
        int port = 0;
        String path = "/light/level";
        int outstanding = 1;
        double warmup = 1;
        double duration = 5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--path" -> path = args[i + 1];
                case "--outstanding" -> outstanding = Integer.parseInt(args[i + 1]);
                case "--warmup-seconds" -> warmup = Double.parseDouble(args[i + 1]);
                case "--duration-seconds" -> duration = Double.parseDouble(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (port < 1 || port > 65535 || outstanding < 1 || outstanding > MAX_OUTSTANDING || warmup < 0
                || warmup > MAX_SECONDS || duration <= 0 || duration > MAX_SECONDS) {
            System.err.println("usage: LoadGenerator --port N --path P --outstanding 1-" + MAX_OUTSTANDING
                    + " --warmup-seconds S --duration-seconds S (at most " + MAX_SECONDS + " s each)");
            System.exit(2);
        }
        LoadResult result = new LoadGenerator(port, path, outstanding).run(warmup, duration);
        System.out.println(result.line());
        System.out.flush();
    }

    private LoadResult run(double warmupSeconds, double durationSeconds) throws IOException {
        long start = System.nanoTime();
        long warmupEnd = start + (long) (warmupSeconds * 1e9);
        long windowEnd = warmupEnd + (long) (durationSeconds * 1e9);
        long windowStart = 0;
        boolean measuring = false;
        long lastScan = start;
        openSocket();
        while (true) {
            long now = System.nanoTime();
            if (!measuring && now >= warmupEnd) {
                latencies.clear();
                answered = 0;
                failed = 0;
                measuring = true;
                windowStart = now;
                say(MEASURING);
            }
            if (now >= windowEnd) {
                say(MEASURED);
                long p50 = latencies.percentile(0.50);
                long p99 = latencies.percentile(0.99);
                channel.close();
                selector.close();
                return new LoadResult(outstanding, answered, failed, (now - windowStart) / 1e9, p50, p99);
            }
            selector.select(10);
            selector.selectedKeys().clear();
            receiveAll();
            now = System.nanoTime();
            if (now - lastScan >= TIMEOUT_SCAN_NANOS) {
                lastScan = now;
                expire(now);
            }
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private void openSocket() throws IOException {
        channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress("127.0.0.1", 0));
        channel.connect(server);
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ);
        requestsOnSocket = 0;
        for (int slot = 0; slot < outstanding; slot++) {
            send(slot);
        }
    }

    private void send(int slot) throws IOException {
        if (requestsOnSocket >= REQUESTS_PER_SOCKET) {
            sentAt[slot] = 0;
            if (inFlight == 0) {
                // Every request on this socket is answered or expired: its message IDs are free to be forgotten.
                channel.close();
                openSocket();
            }
            return;
        }
        int messageId = requestsOnSocket++;
        byte[] datagram = request.array();
        datagram[CoapDatagram.MESSAGE_ID_OFFSET] = (byte) (messageId >> 8);
        datagram[CoapDatagram.MESSAGE_ID_OFFSET + 1] = (byte) messageId;
        datagram[CoapDatagram.TOKEN_OFFSET] = (byte) (slot >> 8);
        datagram[CoapDatagram.TOKEN_OFFSET + 1] = (byte) slot;
        messageIdOf[slot] = messageId;
        sentAt[slot] = System.nanoTime();
        inFlight++;
        request.rewind();
        channel.write(request);
    }

    private void receiveAll() throws IOException {
        while (true) {
            response.clear();
            int length;
            try {
                length = channel.read(response);
            } catch (PortUnreachableException e) {
                // The server is not there (yet, or any more): the requests in flight will expire.
                return;
            }
            if (length <= 0) {
                return;
            }
            handle(response.array(), length, System.nanoTime());
        }
    }

    private void handle(byte[] datagram, int length, long now) throws IOException {
        if (length < CoapDatagram.TOKEN_OFFSET) {
            return;
        }
        int type = CoapDatagram.type(datagram);
        int code = CoapDatagram.code(datagram);
        if (type == CoapDatagram.CON) {
            // A separate response: acknowledge it, as a client must.
            channel.write(ByteBuffer.wrap(CoapDatagram.emptyAck(CoapDatagram.messageId(datagram))));
        } else if (code == CoapDatagram.EMPTY || CoapDatagram.tokenLength(datagram) != TOKEN_LENGTH) {
            return;
        }
        int slot = (int) CoapDatagram.tokenValue(datagram);
        if (slot >= outstanding || sentAt[slot] == 0) {
            return;
        }
        if (type == CoapDatagram.ACK && CoapDatagram.messageId(datagram) != messageIdOf[slot]) {
            return; // the late answer to a request that already expired
        }
        if (code == CoapDatagram.CONTENT) {
            answered++;
            latencies.record((now - sentAt[slot]) / 1000);
        } else {
            failed++;
        }
        inFlight--;
        send(slot);
    }

    private void expire(long now) throws IOException {
        for (int slot = 0; slot < outstanding; slot++) {
            if (sentAt[slot] != 0 && now - sentAt[slot] > RESPONSE_TIMEOUT_NANOS) {
                failed++;
                inFlight--;
                send(slot);
            }
        }
    }
}
