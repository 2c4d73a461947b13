package org.lampyris.tests.benchmark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Observe fan-out: how long one change takes to reach every observer. Observers are observations (RFC 7641) made on
 * raw UDP sockets, {@value #OBSERVERS_PER_SOCKET} per socket with a token each, because the controller remembers
 * at most {@code COAP.MAX_ACTIVE_PEERS} peers. A first change, not measured, warms up the notification path; for the
 * second the clock runs from just before the PUT that changes the value to the arrival of the last notification
 * carrying the new value. Afterwards every observation is cancelled (a GET with Observe 1), so that the next
 * measurement notifies only its own observers.
 * <p>
 * Observations registered with a confirmable GET get confirmable notifications, and the observers acknowledge each.
 * A burst of a thousand acknowledgements overflows the server's socket buffer (Californium's 106,496 bytes; Linux
 * counts about 1 KB per datagram against it), and a server does not send a relation's next notification while the
 * previous one waits for its acknowledgement: it retransmits after the ACK timeout, 2 to 3 s. So the measured change
 * waits a settling time after the warm-up change, longer than that timeout, so that it measures the fan-out of one
 * change and not the retransmissions of the one before.
 */
final class ObserveFanOut implements AutoCloseable {
    /** Observations registered from one socket, so one peer of the server. */
    static final int OBSERVERS_PER_SOCKET = 50;

    private static final int TOKEN_LENGTH = 4;
    private static final int WINDOW = 16;
    private static final int MAX_TRIES = 5;
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long NOTIFY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final byte[] PUT_TOKEN = CoapDatagram.token(0x5055_5400L, 8);

    private final InetSocketAddress server;
    private final String path;
    private final int observers;
    private final Selector selector;
    private final List<DatagramChannel> sockets = new ArrayList<>();
    private final int[] nextMessageId;
    private final DatagramChannel operator;
    private final ByteBuffer in = ByteBuffer.allocate(2048);
    private final Duration settle;
    private int puts;

    /**
     * Changes the value by other means than a plain CoAP PUT: the platform takes writes only from an operator over
     * DTLS. It starts the change and returns at once; the clock runs from just before it.
     */
    interface Changer {
        void change(String path, String value) throws IOException;
    }

    private Changer changer;

    /** @param changer how to change the value, instead of a plain PUT; null for a plain PUT */
    ObserveFanOut changeWith(Changer changer) {
        this.changer = changer;
        return this;
    }

    /** Receives one datagram from observer socket {@code socket}, or from the operator when it is -1. */
    private interface Receiver {
        void received(int socket, byte[] datagram, int length, long now) throws IOException;
    }

    /**
     * @param settle how long to wait after the warm-up change before the measured one; longer than the CoAP ACK
     *               timeout with its random factor (3 s) for a measurement, shorter for a smoke run
     */
    ObserveFanOut(int port, String path, int observers, Duration settle) throws IOException {
        this.server = new InetSocketAddress("127.0.0.1", port);
        this.path = path;
        this.observers = observers;
        this.settle = settle;
        this.selector = Selector.open();
        int count = (observers + OBSERVERS_PER_SOCKET - 1) / OBSERVERS_PER_SOCKET;
        this.nextMessageId = new int[count];
        for (int s = 0; s < count; s++) {
            sockets.add(open(s));
        }
        this.operator = open(-1);
    }

    private DatagramChannel open(int index) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress("127.0.0.1", 0));
        channel.connect(server);
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ, index);
        return channel;
    }

    /**
     * Registers every observer, changes the value twice with a PUT, waits each time until every observer has it, and
     * cancels every observation.
     *
     * @param warmup the value of the first change, different from the current one
     * @param value  the value of the measured change, different from {@code warmup}
     * @return the time from the second PUT to the last notification of it, in nanoseconds
     * @throws IOException when a registration is refused or not every observer is notified within 30 s
     */
    long measure(String warmup, String value) throws IOException {
        exchangeWithEveryObserver(0);
        settle(Duration.ofMillis(200));
        change(warmup);
        settle(settle);
        long nanos = change(value);
        exchangeWithEveryObserver(1);
        return nanos;
    }

    /** Receives and acknowledges whatever comes for a while, such as retransmitted notifications. */
    private void settle(Duration time) throws IOException {
        receiveUntil(System.nanoTime() + time.toNanos(), (s, d, l, now) -> { });
    }

    private long change(String value) throws IOException {
        boolean[] notified = new boolean[observers];
        int[] count = {0};
        long[] last = {0};
        boolean[] changed = {false};
        long start = System.nanoTime();
        if (changer != null) {
            changer.change(path, value);
        } else {
            operator.write(ByteBuffer.wrap(CoapDatagram.request(CoapDatagram.CON, CoapDatagram.PUT, puts++,
                    PUT_TOKEN, path, -1, value)));
        }
        long deadline = start + NOTIFY_TIMEOUT_NANOS;
        while (count[0] < observers && System.nanoTime() < deadline) {
            receiveUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10), (socket, datagram, length, now) -> {
                if (socket < 0) {
                    if (CoapDatagram.code(datagram) != CoapDatagram.CHANGED && CoapDatagram.code(datagram) != 0) {
                        throw new IOException("PUT " + value + " on " + path + " was answered with code "
                                + CoapDatagram.codeText(CoapDatagram.code(datagram)) + ": "
                                + CoapDatagram.payload(datagram, length));
                    }
                    changed[0] |= CoapDatagram.code(datagram) == CoapDatagram.CHANGED;
                    return;
                }
                int observer = observerOf(socket, datagram);
                if (observer >= 0 && !notified[observer] && CoapDatagram.code(datagram) == CoapDatagram.CONTENT
                        && CoapDatagram.hasObserve(datagram, length)
                        && CoapDatagram.payload(datagram, length).trim().equals(value)) {
                    notified[observer] = true;
                    count[0]++;
                    last[0] = now;
                }
            });
        }
        if (count[0] < observers) {
            throw new IOException("only " + count[0] + " of " + observers + " observers were notified of " + value
                    + " within 30 s (PUT answered: " + changed[0] + ")");
        }
        return last[0] - start;
    }

    /** Sends every observer's GET with an Observe option (0 registers, 1 cancels), a window at a time. */
    private void exchangeWithEveryObserver(int observe) throws IOException {
        long[] sentAt = new long[observers];
        int[] messageId = new int[observers];
        int[] tries = new int[observers];
        boolean[] done = new boolean[observers];
        int[] completed = {0};
        int next = 0;
        while (completed[0] < observers) {
            while (next < observers && next - completed[0] < WINDOW) {
                messageId[next] = send(next, observe);
                sentAt[next] = System.nanoTime();
                tries[next]++;
                next++;
            }
            receiveUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5), (socket, datagram, length, now) -> {
                int observer = observerOf(socket, datagram);
                if (observer < 0 || done[observer] || CoapDatagram.type(datagram) != CoapDatagram.ACK
                        || CoapDatagram.messageId(datagram) != messageId[observer]) {
                    return;
                }
                if (CoapDatagram.code(datagram) != CoapDatagram.CONTENT
                        || observe == 0 && !CoapDatagram.hasObserve(datagram, length)) {
                    throw new IOException("observer " + observer + " was not " + (observe == 0 ? "registered"
                            : "cancelled") + ": code " + CoapDatagram.codeText(CoapDatagram.code(datagram)));
                }
                done[observer] = true;
                completed[0]++;
            });
            long now = System.nanoTime();
            for (int o = 0; o < next; o++) {
                if (!done[o] && now - sentAt[o] > RETRY_NANOS) {
                    if (tries[o] >= MAX_TRIES) {
                        throw new IOException("observer " + o + " got no answer to " + MAX_TRIES + " tries");
                    }
                    messageId[o] = send(o, observe);
                    sentAt[o] = now;
                    tries[o]++;
                }
            }
        }
    }

    private int send(int observer, int observe) throws IOException {
        int socket = observer / OBSERVERS_PER_SOCKET;
        int messageId = nextMessageId[socket]++ & 0xFFFF;
        sockets.get(socket).write(ByteBuffer.wrap(CoapDatagram.request(CoapDatagram.CON, CoapDatagram.GET,
                messageId, CoapDatagram.token(observer + 1L, TOKEN_LENGTH), path, observe, null)));
        return messageId;
    }

    /** @return the observer a datagram on an observer socket is for, or -1 */
    private int observerOf(int socket, byte[] datagram) {
        if (CoapDatagram.tokenLength(datagram) != TOKEN_LENGTH) {
            return -1;
        }
        long observer = CoapDatagram.tokenValue(datagram) - 1;
        return observer >= 0 && observer < observers && observer / OBSERVERS_PER_SOCKET == socket ? (int) observer
                : -1;
    }

    private void receiveUntil(long deadline, Receiver receiver) throws IOException {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            for (SelectionKey key : selector.selectedKeys()) {
                DatagramChannel channel = (DatagramChannel) key.channel();
                int socket = (Integer) key.attachment();
                while (true) {
                    in.clear();
                    int length;
                    try {
                        length = channel.read(in);
                    } catch (PortUnreachableException e) {
                        throw new IOException("the server is gone", e);
                    }
                    if (length <= 0) {
                        break;
                    }
                    byte[] datagram = Arrays.copyOf(in.array(), length);
                    if (length < CoapDatagram.TOKEN_OFFSET) {
                        continue;
                    }
                    if (CoapDatagram.type(datagram) == CoapDatagram.CON) {
                        channel.write(ByteBuffer.wrap(CoapDatagram.emptyAck(CoapDatagram.messageId(datagram))));
                    }
                    receiver.received(socket, datagram, length, System.nanoTime());
                }
            }
            selector.selectedKeys().clear();
        }
    }

    @Override
    public void close() throws IOException {
        for (DatagramChannel socket : sockets) {
            socket.close();
        }
        operator.close();
        selector.close();
    }
}
