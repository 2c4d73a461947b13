package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import org.eclipse.californium.core.CoapClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lampyris.testkit.CoapTestClient;

/**
 * A client that asks for small blocks (RFC 7959) gets the body block by block, and the blocks add up to the body a
 * client gets in one piece.
 */
@ExtendWith(SharedPost.class)
class BlockwiseTransferTest {

    static LampPost post;

    @BeforeAll
    static void start(LampPost shared) throws Exception {
        post = shared;
    }

    /** One response: its code, its Block2 option value (or -1) and its payload. */
    private record Answer(int code, int block2, byte[] payload) {
        boolean more() {
            return (block2 & 0x08) != 0;
        }

        int number() {
            return block2 >> 4;
        }
    }

    @Test
    void discoveryIsServedInThirtyTwoByteBlocksThatAddUpToTheWholeDocument() throws Exception {
        String whole;
        try (CoapTestClient coap = CoapTestClient.withPsk(LampPost.ENGINEER)) {
            CoapClient c = coap.client(post.uri("/.well-known/core"));
            whole = c.get().getResponseText();
            c.shutdown();
        }
        assertThat(whole.length()).isGreaterThan(64);

        ByteArrayOutputStream assembled = new ByteArrayOutputStream();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(3000);
            int blocks = 0;
            for (int num = 0; num < 200; num++) {
                Answer a = get(socket, num, num);
                assertThat(a.code()).as("block %d is 2.05 Content", num).isEqualTo(0x45);
                assertThat(a.block2()).as("block %d carries a Block2 option", num).isNotNegative();
                assertThat(a.number()).isEqualTo(num);
                assembled.writeBytes(a.payload());
                blocks++;
                if (!a.more()) {
                    break;
                }
                assertThat(a.payload()).hasSize(32);
            }
            assertThat(blocks).isGreaterThan(2);
        }
        assertThat(assembled.toString(StandardCharsets.UTF_8)).isEqualTo(whole);
    }

    /** GET /.well-known/core asking for block {@code num} of 32 bytes (SZX 1). */
    private Answer get(DatagramSocket socket, int num, int messageId) throws Exception {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.write(0x41); // CON, token length 1
        m.write(0x01); // GET
        m.write(messageId >> 8);
        m.write(messageId & 0xFF);
        m.write(0x5A); // token
        byte[] wk = ".well-known".getBytes(StandardCharsets.US_ASCII);
        m.write((11 << 4) | wk.length);
        m.writeBytes(wk);
        m.write(4);
        m.writeBytes("core".getBytes(StandardCharsets.US_ASCII));
        int block = (num << 4) | 1;
        if (block < 256) {
            m.write((12 << 4) | 1);
            m.write(block);
        } else {
            m.write((12 << 4) | 2);
            m.write(block >> 8);
            m.write(block & 0xFF);
        }
        byte[] request = m.toByteArray();
        socket.send(new DatagramPacket(request, request.length, new InetSocketAddress("127.0.0.1", post.port)));
        byte[] buffer = new byte[2048];
        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
        socket.receive(p);
        return parse(buffer, p.getLength());
    }

    private static Answer parse(byte[] b, int length) {
        int tkl = b[0] & 0x0F;
        int code = b[1] & 0xFF;
        int i = 4 + tkl;
        int number = 0;
        int block2 = -1;
        while (i < length && (b[i] & 0xFF) != 0xFF) {
            int delta = (b[i] >> 4) & 0x0F;
            int len = b[i] & 0x0F;
            i++;
            if (delta == 13) {
                delta = (b[i++] & 0xFF) + 13;
            } else if (delta == 14) {
                delta = ((b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF)) + 269;
                i += 2;
            }
            if (len == 13) {
                len = (b[i++] & 0xFF) + 13;
            } else if (len == 14) {
                len = ((b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF)) + 269;
                i += 2;
            }
            number += delta;
            if (number == 23) {
                block2 = 0;
                for (int k = 0; k < len; k++) {
                    block2 = (block2 << 8) | (b[i + k] & 0xFF);
                }
            }
            i += len;
        }
        byte[] payload = new byte[0];
        if (i < length) {
            payload = new byte[length - i - 1];
            System.arraycopy(b, i + 1, payload, 0, payload.length);
        }
        return new Answer(code, block2, payload);
    }
}
