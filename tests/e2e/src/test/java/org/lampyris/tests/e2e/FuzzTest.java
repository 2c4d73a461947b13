package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lampyris.testkit.CoapTestClient;

/**
 * A seeded random-mutation fuzz run against the running post: valid requests (GET, PUT, POST, observe, block-wise,
 * with and without payloads) with bytes flipped, inserted, removed or truncated, sent to the plain CoAP port; and
 * DTLS records (handshakes, alerts, application data, in every epoch) mutated the same way, sent to the CoAPS port.
 * After every batch the post must answer a plain GET, at the end a DTLS GET with a fresh handshake, and its log must
 * show no uncaught exception.
 * <p>
 * Short in the test suite; run it longer by hand, for example
 * {@code mvn -pl tests/e2e verify -Dtest=FuzzTest -Dlampyris.fuzz.datagrams=200000 -Dlampyris.fuzz.seed=7}.
 */
class FuzzTest {
    private static final int DATAGRAMS = Integer.getInteger("lampyris.fuzz.datagrams", 3000);
    private static final long SEED = Long.getLong("lampyris.fuzz.seed", 20261123L);
    private static final int BATCH = 250;

    @TempDir
    Path data;

    @Test
    void mutatedRequestsAndDtlsRecordsNeverStopThePostAnswering() throws Exception {
        Random random = new Random(SEED);
        try (LampPost post = LampPost.start("fuzz-post", data);
                CoapTestClient coap = CoapTestClient.withPsk(LampPost.ENGINEER);
                DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(1);
            InetSocketAddress plain = new InetSocketAddress("127.0.0.1", post.port);
            InetSocketAddress dtls = new InetSocketAddress("127.0.0.1", post.dtlsPort);
            List<byte[]> requests = validRequests();
            List<byte[]> records = dtlsRecords(random);
            for (int i = 0; i < DATAGRAMS; i++) {
                boolean toDtls = random.nextInt(3) == 0;
                byte[] seed = toDtls ? records.get(random.nextInt(records.size()))
                        : requests.get(random.nextInt(requests.size()));
                byte[] datagram = mutate(seed, random);
                socket.send(new DatagramPacket(datagram, datagram.length, toDtls ? dtls : plain));
                drain(socket);
                if ((i + 1) % BATCH == 0) {
                    assertThat(plainGet(coap, post)).as("the post answers after %d datagrams (seed %d)", i + 1, SEED)
                            .isEqualTo(ResponseCode.CONTENT);
                }
            }
            CoapClient secure = coap.client(post.uri("/light/level"));
            try {
                CoapResponse r = secure.get();
                assertThat(r).as("a DTLS GET after the fuzzing").isNotNull();
                assertThat(r.getCode()).isEqualTo(ResponseCode.CONTENT);
            } finally {
                secure.shutdown();
            }
            String log = post.log();
            assertThat(log).as("no uncaught exception in the post's log (seed %d)", SEED)
                    .doesNotContain("Exception in thread").doesNotContain("Uncaught");
        }
    }

    private static ResponseCode plainGet(CoapTestClient coap, LampPost post) throws Exception {
        CoapClient c = coap.client(post.plainUri("/light/level"));
        try {
            CoapResponse r = c.get();
            return r == null ? null : r.getCode();
        } finally {
            c.shutdown();
        }
    }

    private static void drain(DatagramSocket socket) throws Exception {
        byte[] buffer = new byte[2048];
        for (int i = 0; i < 4; i++) {
            try {
                socket.receive(new DatagramPacket(buffer, buffer.length));
            } catch (SocketTimeoutException e) {
                return;
            }
        }
    }

    /** Valid requests of every shape the post serves, as seeds for mutation. */
    private static List<byte[]> validRequests() {
        int con = 0;
        int non = 1;
        byte[] level = MalformedDatagramTest.uriPath("light", "level");
        byte[] textFormat = { 0x10 }; // Content-Format 0 after Uri-Path (delta 1, length 0)
        return List.of(
                MalformedDatagramTest.message(1, con, 2, 1, new byte[] { 1, 2 }, level),
                MalformedDatagramTest.message(1, non, 0, 1, new byte[0], MalformedDatagramTest.uriPath(".well-known",
                        "core")),
                MalformedDatagramTest.message(1, con, 4, 3, new byte[] { 1, 2, 3, 4 },
                        concat(level, textFormat, new byte[] { (byte) 0xFF, '4', '2' })),
                MalformedDatagramTest.message(1, con, 1, 2, new byte[] { 9 }, concat(MalformedDatagramTest.uriPath(
                        "ev", "sessions"), textFormat, new byte[] { (byte) 0xFF, 'c', 'a', 'r', 'd' })),
                // observe (option 6, before Uri-Path 11): delta 6 length 0
                MalformedDatagramTest.message(1, con, 2, 1, new byte[] { 5, 5 }, concat(new byte[] { 0x60 },
                        new byte[] { 0x54, 'l', 'i', 'g', 'h' })),
                // Block2 (option 23) after Uri-Path: delta 12 length 1, block 0 size 16
                MalformedDatagramTest.message(1, con, 0, 1, new byte[0], concat(MalformedDatagramTest.uriPath(
                        ".well-known", "core"), new byte[] { (byte) 0xC1, 0x00 })),
                MalformedDatagramTest.message(1, con, 0, 1, new byte[0], MalformedDatagramTest.uriPath("light")));
    }

    /** DTLS 1.2 records: a ClientHello and other handshake, alert and application-data records of random bodies. */
    private static List<byte[]> dtlsRecords(Random random) {
        byte[] clientHelloBody = new byte[60];
        random.nextBytes(clientHelloBody);
        clientHelloBody[0] = 1; // handshake type client_hello
        return List.of(record(22, 0, clientHelloBody), record(21, 0, new byte[] { 2, 40 }),
                record(23, 1, randomBytes(random, 40)), record(20, 0, new byte[] { 1 }),
                record(22, 1, randomBytes(random, 48)));
    }

    private static byte[] record(int type, int epoch, byte[] body) {
        byte[] r = new byte[13 + body.length];
        r[0] = (byte) type;
        r[1] = (byte) 0xFE; // DTLS 1.2
        r[2] = (byte) 0xFD;
        r[3] = (byte) (epoch >> 8);
        r[4] = (byte) epoch;
        r[10] = 1; // sequence number
        r[11] = (byte) (body.length >> 8);
        r[12] = (byte) body.length;
        System.arraycopy(body, 0, r, 13, body.length);
        return r;
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** Flips, inserts, removes or truncates a few bytes. */
    static byte[] mutate(byte[] seed, Random random) {
        byte[] b = seed.clone();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && b.length > 0; m++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(5)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 2 -> { // insert
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
                }
                case 3 -> { // remove
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter;
                }
                default -> { // truncate
                    byte[] cut = new byte[at];
                    System.arraycopy(b, 0, cut, 0, at);
                    b = cut;
                }
            }
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
