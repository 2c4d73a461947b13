package org.lampyris.tests.benchmark;

import java.io.Closeable;
import java.io.IOException;

/**
 * What carries the {@link OutstandingGets} of a {@link LoadGenerator} to the server and hands the answers back:
 * a raw UDP socket ({@link UdpTransport}) or a DTLS session ({@link DtlsTransport}).
 */
interface GetTransport extends Closeable {

    /** Sends one CoAP datagram, an array of its own that the caller does not touch again. */
    void send(byte[] datagram) throws IOException;

    /** Moves to a fresh session (a fresh source port), because the message IDs of this one are used up. */
    void renew() throws IOException;

    /**
     * Waits up to {@code millis} for answers. A transport that reads on the calling thread hands them to the
     * {@link OutstandingGets} from here; one with threads of its own hands them over there and only waits here.
     */
    void awaitAnswers(long millis) throws IOException;

    /** @return what the transport is, for the log */
    String describe();
}
