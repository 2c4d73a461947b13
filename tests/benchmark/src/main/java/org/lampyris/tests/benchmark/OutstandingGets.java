package org.lampyris.tests.benchmark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The confirmable GETs a {@link LoadGenerator} keeps outstanding, whatever carries them ({@link UdpTransport} or
 * {@link DtlsTransport}): one precomputed datagram whose message ID and 2-byte token are rewritten per request, the
 * token being the index of the outstanding slot; an answer frees its slot, which sends the next request at once. A
 * request not answered within the CoAP ACK timeout (2 s) counts as failed and its slot sends a new one; there are no
 * retransmissions. Before message IDs would repeat it waits for the requests in flight and asks the transport for a
 * fresh session (a fresh source port, and over DTLS a fresh DTLS session).
 * <p>
 * It is thread-safe: over UDP one thread calls it, over DTLS answers arrive on the DTLS connector's thread while the
 * generator's main thread expires late requests and opens and closes the measured window. It counts under its lock
 * and sends outside it.
 */
final class OutstandingGets {
    /** The token length of every request; tokens 0 to outstanding-1 are slots. */
    static final int TOKEN_LENGTH = 2;
    /** Message ID and token of a session's first request, which is not a slot's (see {@link #probe(String)}). */
    static final int PROBE = 0xFFFF;
    /** Message IDs a session uses for slots, 0 to 65,534: 65,535 is the probe's. */
    static final int REQUESTS_PER_SESSION = PROBE;

    private static final long RESPONSE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final int outstanding;
    private final byte[] request;
    private final long[] sentAt;
    private final int[] messageIdOf;
    private final LatencyHistogram latencies = new LatencyHistogram();
    private volatile GetTransport transport;
    private int requestsOnSession;
    private int inFlight;
    private long answered;
    private long failed;
    private boolean renewing;
    private boolean finished;

    OutstandingGets(String path, int outstanding) {
        this.outstanding = outstanding;
        this.request = CoapDatagram.request(CoapDatagram.CON, CoapDatagram.GET, 0, new byte[TOKEN_LENGTH], path, -1,
                null);
        this.sentAt = new long[outstanding];
        this.messageIdOf = new int[outstanding];
    }

    /**
     * @return the GET a transport sends first on a new session, with message ID and token {@value #PROBE}: its
     *         answer says the session works (over DTLS: the handshake is done); no slot is waiting for it
     */
    static byte[] probe(String path) {
        return CoapDatagram.request(CoapDatagram.CON, CoapDatagram.GET, PROBE, CoapDatagram.token(PROBE,
                TOKEN_LENGTH), path, -1, null);
    }

    /** @return whether a datagram answers a session's probe */
    static boolean answersProbe(byte[] datagram, int length) {
        return length >= CoapDatagram.TOKEN_OFFSET + TOKEN_LENGTH
                && CoapDatagram.tokenLength(datagram) == TOKEN_LENGTH && CoapDatagram.tokenValue(datagram) == PROBE;
    }

    /** Fills every slot with a request on a transport whose session is open. */
    void start(GetTransport on) throws IOException {
        synchronized (this) {
            transport = on;
        }
        refill();
    }

    /** Forgets what was counted so far: the measured window starts. */
    synchronized void startWindow() {
        latencies.clear();
        answered = 0;
        failed = 0;
    }

    /**
     * Ends the load: no slot sends another request.
     *
     * @return what was counted since {@link #startWindow()}, over a window of that many seconds
     */
    synchronized LoadResult finish(double seconds) {
        finished = true;
        return new LoadResult(outstanding, answered, failed, seconds, latencies.percentile(0.50),
                latencies.percentile(0.99));
    }

    /** Takes one datagram from the server, received at {@code now} (nanoseconds). */
    void handle(byte[] datagram, int length, long now) throws IOException {
        if (length < CoapDatagram.TOKEN_OFFSET) {
            return;
        }
        int type = CoapDatagram.type(datagram);
        int code = CoapDatagram.code(datagram);
        if (type == CoapDatagram.CON) {
            // A separate response: acknowledge it, as a client must.
            transport.send(CoapDatagram.emptyAck(CoapDatagram.messageId(datagram)));
        } else if (code == CoapDatagram.EMPTY || CoapDatagram.tokenLength(datagram) != TOKEN_LENGTH) {
            return;
        }
        int slot = (int) CoapDatagram.tokenValue(datagram);
        byte[] next;
        boolean renew;
        // Sends happen outside the lock: over DTLS a send may run the connector's work on this thread, under the
        // connector's own lock, which the connector's receiving thread holds when it calls this method.
        synchronized (this) {
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
            next = prepare(slot);
            renew = claimRenewal();
        }
        if (next != null) {
            transport.send(next);
        }
        if (renew) {
            renew();
        }
    }

    /** Counts the requests older than the ACK timeout as failed, and sends new ones in their slots. */
    void expire(long now) throws IOException {
        List<byte[]> sends = new ArrayList<>();
        boolean renew;
        synchronized (this) {
            for (int slot = 0; slot < outstanding; slot++) {
                if (sentAt[slot] != 0 && now - sentAt[slot] > RESPONSE_TIMEOUT_NANOS) {
                    failed++;
                    inFlight--;
                    byte[] next = prepare(slot);
                    if (next != null) {
                        sends.add(next);
                    }
                }
            }
            renew = claimRenewal();
        }
        for (byte[] datagram : sends) {
            transport.send(datagram);
        }
        if (renew) {
            renew();
        }
    }

    /** @return the next request of a slot, or null when the load is finished or the session's message IDs are used up */
    private byte[] prepare(int slot) {
        if (finished || requestsOnSession >= REQUESTS_PER_SESSION) {
            sentAt[slot] = 0;
            return null;
        }
        int messageId = requestsOnSession++;
        request[CoapDatagram.MESSAGE_ID_OFFSET] = (byte) (messageId >> 8);
        request[CoapDatagram.MESSAGE_ID_OFFSET + 1] = (byte) messageId;
        request[CoapDatagram.TOKEN_OFFSET] = (byte) (slot >> 8);
        request[CoapDatagram.TOKEN_OFFSET + 1] = (byte) slot;
        messageIdOf[slot] = messageId;
        sentAt[slot] = System.nanoTime();
        inFlight++;
        return request.clone();
    }

    /**
     * @return true for the one caller that finds every request of a used-up session answered or expired: its
     *         message IDs are free to be forgotten, and that caller moves to a fresh session
     */
    private boolean claimRenewal() {
        if (finished || renewing || requestsOnSession < REQUESTS_PER_SESSION || inFlight > 0) {
            return false;
        }
        renewing = true;
        return true;
    }

    private void renew() throws IOException {
        transport.renew();
        refill();
    }

    private void refill() throws IOException {
        List<byte[]> sends = new ArrayList<>(outstanding);
        synchronized (this) {
            requestsOnSession = 0;
            renewing = false;
            for (int slot = 0; slot < outstanding; slot++) {
                sends.add(prepare(slot));
            }
        }
        for (byte[] datagram : sends) {
            transport.send(datagram);
        }
    }
}
