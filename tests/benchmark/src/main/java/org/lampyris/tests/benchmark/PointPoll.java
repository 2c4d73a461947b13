package org.lampyris.tests.benchmark;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads one point over plain CoAP every {@link #PERIOD_NANOS} from its own thread and socket, a fresh message ID and
 * token each time, and keeps when each request went out and when and how it was answered. A hot update shows in it
 * as 2.05 answers (the old bundle), then answers other than 2.05 (its point withdrawn), then 2.05 again (the new
 * bundle's point): see {@link #newVersionAnswered(long)}.
 */
final class PointPoll implements AutoCloseable {
    /** One read every 2 ms: the resolution of the time to the new version's first answer. */
    static final long PERIOD_NANOS = 2_000_000;

    /** One request: when it was sent, and when and with what code it was answered (-1: not answered). */
    record Read(long sentNanos, long answeredNanos, int code) {
    }

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final String path;
    private final Thread thread;
    private final List<Read> reads = new ArrayList<>();
    private volatile boolean stopping;

    PointPoll(int port, String path) throws SocketException {
        this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        this.socket.setSoTimeout(1);
        this.server = new InetSocketAddress("127.0.0.1", port);
        this.path = path;
        this.thread = new Thread(this::poll, "benchmark-point-poll");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void poll() {
        byte[] buffer = new byte[2048];
        DatagramPacket received = new DatagramPacket(buffer, buffer.length);
        long[] sent = new long[1 << 16];
        int next = 0;
        long nextSend = System.nanoTime();
        while (!stopping) {
            try {
                long now = System.nanoTime();
                if (now >= nextSend) {
                    int id = next & 0xFFFF;
                    byte[] get = CoapDatagram.request(CoapDatagram.CON, CoapDatagram.GET, id,
                            CoapDatagram.token(id, 2), path, -1, null);
                    sent[id] = System.nanoTime();
                    socket.send(new DatagramPacket(get, get.length, server));
                    next++;
                    nextSend += PERIOD_NANOS;
                    if (nextSend < now) {
                        nextSend = now + PERIOD_NANOS; // never catch up in a burst after a stall
                    }
                }
                try {
                    socket.receive(received);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                long at = System.nanoTime();
                if (received.getLength() < 4 || CoapDatagram.code(buffer) == CoapDatagram.EMPTY
                        || CoapDatagram.tokenLength(buffer) != 2) {
                    continue;
                }
                if (CoapDatagram.type(buffer) == CoapDatagram.CON) {
                    byte[] ack = CoapDatagram.emptyAck(CoapDatagram.messageId(buffer));
                    socket.send(new DatagramPacket(ack, ack.length, server));
                }
                int id = (int) CoapDatagram.tokenValue(buffer);
                synchronized (reads) {
                    reads.add(new Read(sent[id], at, CoapDatagram.code(buffer)));
                }
            } catch (IOException e) {
                if (!stopping) {
                    synchronized (reads) {
                        reads.add(new Read(System.nanoTime(), -1, -1));
                    }
                }
            }
        }
    }

    /**
     * When the new version of the point answered: the first 2.05 to a request sent after the point was seen
     * withdrawn (an answer other than 2.05 arrived after {@code since}). Requiring the request to leave after the
     * withdrawal was seen rules out a late answer of the old version.
     *
     * @param since a {@link System#nanoTime()} before which nothing can have changed (the end of the upload)
     * @return the {@link System#nanoTime()} of that answer, or empty when no withdrawal or no later 2.05 was seen
     */
    OptionalLong newVersionAnswered(long since) {
        List<Read> copy;
        synchronized (reads) {
            copy = new ArrayList<>(reads);
        }
        return newVersionAnswered(copy, since);
    }

    /** {@link #newVersionAnswered(long)} of reads in the order their answers arrived. */
    static OptionalLong newVersionAnswered(List<Read> reads, long since) {
        long withdrawn = -1;
        for (Read r : reads) {
            if (r.answeredNanos() < since || r.code() < 0) {
                continue;
            }
            if (withdrawn < 0) {
                if (r.code() != CoapDatagram.CONTENT) {
                    withdrawn = r.answeredNanos();
                }
            } else if (r.code() == CoapDatagram.CONTENT && r.sentNanos() > withdrawn) {
                return OptionalLong.of(r.answeredNanos());
            }
        }
        return OptionalLong.empty();
    }

    /** @return the distinct answer codes seen after {@code since}, in order of first appearance, as "2.05" etc. */
    List<String> codesSince(long since) {
        List<String> codes = new ArrayList<>();
        synchronized (reads) {
            for (Read r : reads) {
                if (r.answeredNanos() >= since && r.code() >= 0) {
                    String code = CoapDatagram.codeText(r.code());
                    if (!codes.contains(code)) {
                        codes.add(code);
                    }
                }
            }
        }
        return codes;
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join(1000);
        socket.close();
    }
}
