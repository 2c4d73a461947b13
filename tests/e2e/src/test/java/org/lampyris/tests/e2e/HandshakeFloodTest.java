package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.testkit.CoapTestClient;

/**
 * A flood of DTLS handshakes from many new peers: a client that was already connected keeps being answered during
 * it, and the post's memory stays within its bounds, because a ClientHello without a cookie costs the post only a
 * stateless HelloVerifyRequest and connections are capped (dtls.max.connections).
 */
class HandshakeFloodTest {
    private static final int PEERS = 200;
    private static final int HELLOS_PER_PEER = 10;

    @TempDir
    Path data;

    @Test
    void anEstablishedClientKeepsBeingAnsweredDuringAFloodOfHandshakes() throws Exception {
        try (LampPost post = LampPost.start("flood-post", data);
                CoapTestClient coap = CoapTestClient.withPsk(LampPost.ENGINEER)) {
            CoapClient established = coap.client(post.uri("/light/level"));
            try {
                assertThat(established.get().getCode()).isEqualTo(ResponseCode.CONTENT);
                List<DatagramSocket> peers = new ArrayList<>();
                Random random = new Random(42);
                InetSocketAddress target = new InetSocketAddress("127.0.0.1", post.dtlsPort);
                int answeredDuring = 0;
                try {
                    for (int p = 0; p < PEERS; p++) {
                        peers.add(new DatagramSocket());
                    }
                    for (int round = 0; round < HELLOS_PER_PEER; round++) {
                        for (DatagramSocket peer : peers) {
                            byte[] hello = clientHello(random);
                            peer.send(new DatagramPacket(hello, hello.length, target));
                        }
                        if (round == 0) {
                            // the flood is real: a peer's hello is answered, statelessly, with a cookie to return
                            DatagramSocket first = peers.get(0);
                            first.setSoTimeout(2000);
                            byte[] buffer = new byte[512];
                            DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
                            first.receive(answer);
                            assertThat(buffer[0]).as("a handshake record").isEqualTo((byte) 22);
                            assertThat(buffer[13]).as("a HelloVerifyRequest").isEqualTo((byte) 3);
                        }
                        CoapResponse r = established.get();
                        if (r != null && r.getCode() == ResponseCode.CONTENT) {
                            answeredDuring++;
                        }
                    }
                } finally {
                    peers.forEach(DatagramSocket::close);
                }
                assertThat(answeredDuring).as("answers to the established client during the flood")
                        .isEqualTo(HELLOS_PER_PEER);
                assertThat(established.get().getCode()).isEqualTo(ResponseCode.CONTENT);
            } finally {
                established.shutdown();
            }
            long peakKib = peakResidentKib(post.process().pid());
            assertThat(peakKib / 1024).as("peak resident MiB of the post").isLessThan(160);
        }
    }

    /** A DTLS 1.2 ClientHello without a cookie, with a random client random and a PSK cipher suite. */
    private static byte[] clientHello(Random random) {
        byte[] body = new byte[2 + 32 + 1 + 1 + 4 + 2];
        int at = 0;
        body[at++] = (byte) 0xFE; // client_version DTLS 1.2
        body[at++] = (byte) 0xFD;
        byte[] clientRandom = new byte[32];
        random.nextBytes(clientRandom);
        System.arraycopy(clientRandom, 0, body, at, 32);
        at += 32;
        body[at++] = 0; // session id length
        body[at++] = 0; // cookie length
        body[at++] = 0; // cipher suites length: 2
        body[at++] = 2;
        body[at++] = (byte) 0xC0; // TLS_PSK_WITH_AES_128_CCM_8
        body[at++] = (byte) 0xA8;
        body[at++] = 1; // compression methods: null
        body[at] = 0;
        byte[] handshake = new byte[12 + body.length];
        handshake[0] = 1; // client_hello
        handshake[3] = (byte) body.length; // length
        handshake[11] = (byte) body.length; // fragment length
        System.arraycopy(body, 0, handshake, 12, body.length);
        byte[] record = new byte[13 + handshake.length];
        record[0] = 22;
        record[1] = (byte) 0xFE;
        record[2] = (byte) 0xFD;
        record[12] = (byte) handshake.length;
        System.arraycopy(handshake, 0, record, 13, handshake.length);
        return record;
    }

    private static long peakResidentKib(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new AssertionError("no VmHWM for process " + pid);
    }
}
