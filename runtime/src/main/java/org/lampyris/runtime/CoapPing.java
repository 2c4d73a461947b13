package org.lampyris.runtime;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;

/**
 * A CoAP ping (RFC 7252 section 4.3: an empty confirmable message, answered by a reset) on a raw UDP socket, so that
 * the launcher can tell when the endpoint really answers without depending on a CoAP library.
 */
final class CoapPing {

    private CoapPing() {
    }

    /**
     * @param target the endpoint
     * @param timeoutMillis how long to wait for the reset
     * @return true if the endpoint answered with a reset to our message id
     */
    static boolean ping(InetSocketAddress target, int timeoutMillis, int messageId) {
        byte[] ping = { 0x40, 0x00, (byte) (messageId >> 8), (byte) messageId };
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(timeoutMillis);
            socket.send(new DatagramPacket(ping, ping.length, target));
            byte[] buffer = new byte[64];
            DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
            socket.receive(answer);
            return answer.getLength() >= 4 && (buffer[0] & 0xF0) == 0x70 && buffer[2] == ping[2]
                    && buffer[3] == ping[3];
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
