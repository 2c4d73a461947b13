package org.lampyris.tests.benchmark;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;

/**
 * Asks a server on 127.0.0.1 for a path until it answers: a confirmable GET every 5 ms, each with a message ID of
 * its own, from one socket. It measures boot time, so it must not wait longer between tries than a few milliseconds.
 */
final class CoapProbe {
    private static final int TRY_MILLIS = 5;

    private CoapProbe() {
    }

    /**
     * @param deadline a {@link System#nanoTime()} after which it gives up
     * @param process  the server, so that a server that exits is noticed at once
     * @return the {@link System#nanoTime()} at which the first 2.05 Content arrived
     * @throws IOException when the deadline passes or the server exits first
     */
    static long firstAnswer(int port, String path, long deadline, Process process) throws IOException {
        return firstAnswer(port, path, deadline, process, payload -> true);
    }

    /**
     * @param wanted whether the payload of a 2.05 answer is the one waited for
     * @return the {@link System#nanoTime()} at which the first 2.05 Content with a wanted payload arrived
     * @throws IOException when the deadline passes or the server exits first
     */
    static long firstAnswer(int port, String path, long deadline, Process process,
            java.util.function.Predicate<String> wanted) throws IOException {
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        byte[] buffer = new byte[2048];
        DatagramPacket received = new DatagramPacket(buffer, buffer.length);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(TRY_MILLIS);
            int messageId = 0;
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IOException("the server exited with status " + process.exitValue());
                }
                byte[] get = CoapDatagram.request(CoapDatagram.CON, CoapDatagram.GET, messageId,
                        CoapDatagram.token(messageId, 2), path, -1, null);
                socket.send(new DatagramPacket(get, get.length, server));
                messageId = (messageId + 1) & 0xFFFF;
                long tryEnd = System.nanoTime() + TRY_MILLIS * 1_000_000L;
                while (System.nanoTime() < tryEnd) {
                    try {
                        socket.receive(received);
                    } catch (SocketTimeoutException e) {
                        break;
                    }
                    if (received.getLength() >= 4 && CoapDatagram.code(buffer) == CoapDatagram.CONTENT
                            && wanted.test(CoapDatagram.payload(buffer, received.getLength()))) {
                        return System.nanoTime();
                    }
                }
            }
        }
        throw new IOException("no wanted answer on coap://127.0.0.1:" + port + path + " in time");
    }

    /** @return a UDP port that is free on 127.0.0.1 at the moment */
    static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return s.getLocalPort();
        }
    }
}
