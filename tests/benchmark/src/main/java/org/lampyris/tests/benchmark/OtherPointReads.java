package org.lampyris.tests.benchmark;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Another client of the post during a hot update: it reads points of plugins other than the one updated, in turn,
 * over plain CoAP, {@link #RATE_PER_SECOND} a second from its own thread and socket, and counts every read that did
 * not get 2.05 Content within {@link #TIMEOUT_NANOS}: an error answer or no answer in time. Reads still outstanding
 * when it is closed are waited for up to that timeout, then counted as failed.
 */
final class OtherPointReads implements AutoCloseable {
    /** The points read: the air quality, counting and EV charging plugins', none of them the dimming plugin's. */
    static final List<String> PATHS = List.of("/air/pm25", "/count/presence", "/ev/state");
    static final int RATE_PER_SECOND = 300;
    /** A read not answered within this is failed. */
    static final long TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1) / RATE_PER_SECOND;

    /** What the reads came to. */
    record Count(long sent, long failed, Map<String, Long> failures) {
    }

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final Thread thread;
    /** Send time by message ID of every read not answered yet. */
    private final Map<Integer, Long> outstanding = new LinkedHashMap<>();
    private final Map<String, Long> failures = new LinkedHashMap<>();
    private final String[] pathOf = new String[1 << 16];
    private volatile boolean stopping;
    private long sent;
    private long failed;

    OtherPointReads(int port) throws SocketException {
        this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        this.socket.setSoTimeout(1);
        this.server = new InetSocketAddress("127.0.0.1", port);
        this.thread = new Thread(this::read, "benchmark-other-points");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void read() {
        byte[] buffer = new byte[2048];
        DatagramPacket received = new DatagramPacket(buffer, buffer.length);
        int next = 0;
        long nextSend = System.nanoTime();
        long drainUntil = Long.MAX_VALUE;
        while (true) {
            long now = System.nanoTime();
            if (stopping && drainUntil == Long.MAX_VALUE) {
                drainUntil = now + TIMEOUT_NANOS;
            }
            if (now > drainUntil || (stopping && isIdle())) {
                break;
            }
            try {
                if (!stopping && now >= nextSend) {
                    int id = next & 0xFFFF;
                    String path = PATHS.get(next % PATHS.size());
                    byte[] get = CoapDatagram.request(CoapDatagram.CON, CoapDatagram.GET, id,
                            CoapDatagram.token(id, 2), path, -1, null);
                    synchronized (this) {
                        outstanding.put(id, System.nanoTime());
                        pathOf[id] = path;
                        sent++;
                    }
                    socket.send(new DatagramPacket(get, get.length, server));
                    next++;
                    nextSend = Math.max(nextSend + PERIOD_NANOS, now);
                }
                expire(System.nanoTime());
                try {
                    socket.receive(received);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                answered(buffer, received.getLength());
            } catch (IOException e) {
                synchronized (this) {
                    fail("I/O error: " + e.getMessage());
                }
            }
        }
        synchronized (this) {
            outstanding.keySet().forEach(id -> fail(pathOf[id] + ": no answer"));
            outstanding.clear();
        }
    }

    private void answered(byte[] datagram, int length) throws IOException {
        if (length < 4 || CoapDatagram.code(datagram) == CoapDatagram.EMPTY
                || CoapDatagram.tokenLength(datagram) != 2) {
            return; // an empty ACK of a read answered separately later, or something else
        }
        if (CoapDatagram.type(datagram) == CoapDatagram.CON) {
            byte[] ack = CoapDatagram.emptyAck(CoapDatagram.messageId(datagram));
            socket.send(new DatagramPacket(ack, ack.length, server));
        }
        int id = (int) CoapDatagram.tokenValue(datagram);
        int code = CoapDatagram.code(datagram);
        synchronized (this) {
            if (outstanding.remove(id) == null) {
                return; // answered after it was counted as failed
            }
            if (code != CoapDatagram.CONTENT) {
                fail(pathOf[id] + ": " + CoapDatagram.codeText(code) + " "
                        + CoapDatagram.payload(datagram, length));
            }
        }
    }

    private synchronized void expire(long now) {
        var each = outstanding.entrySet().iterator();
        while (each.hasNext()) {
            var read = each.next();
            if (now - read.getValue() <= TIMEOUT_NANOS) {
                break; // in the order sent
            }
            fail(pathOf[read.getKey()] + ": no answer within " + TimeUnit.NANOSECONDS.toMillis(TIMEOUT_NANOS)
                    + " ms");
            each.remove();
        }
    }

    private synchronized boolean isIdle() {
        return outstanding.isEmpty();
    }

    /** Call with the lock held. */
    private void fail(String why) {
        failed++;
        failures.merge(why, 1L, Long::sum);
    }

    /** Stops sending, waits for the reads still outstanding (at most the timeout), and counts. */
    Count stop() throws InterruptedException {
        stopping = true;
        thread.join(TimeUnit.NANOSECONDS.toMillis(TIMEOUT_NANOS) + 2000);
        synchronized (this) {
            return new Count(sent, failed, Map.copyOf(failures));
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (!stopping) {
            stop();
        }
        socket.close();
    }
}
