package org.lampyris.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed datagrams of every kind RFC 7252 describes, sent on a raw socket as confirmable and non-confirmable
 * messages. A confirmable one gets the answer the RFC prescribes; a non-confirmable one is dropped; and the post
 * answers a ping and a GET after every case.
 */
@ExtendWith(SharedPost.class)
class MalformedDatagramTest {
    private static final int CON = 0;
    private static final int NON = 1;
    private static final int RESET = 3;
    private static final int ACK = 2;

    static LampPost post;
    static int messageId = 0x1000;

    @BeforeAll
    static void start(LampPost shared) throws Exception {
        post = shared;
    }

    /** What the RFC prescribes for a confirmable message of this kind. */
    enum Expect {
        /** Silently ignored (RFC 7252 3: unknown version). */
        SILENCE,
        /** Rejected with a Reset (RFC 7252 4.2: message format error). */
        RESET,
        /**
         * A format error after a well-formed header and token: rejected with a Reset, or, as Californium does for a
         * request it can answer, 4.02 Bad Option.
         */
        REJECT,
        /** 4.02 Bad Option (RFC 7252 5.4.1: unrecognised critical option). */
        BAD_OPTION,
        /** 4.05 Method Not Allowed, or 4.00/4.02 for an unknown request code (RFC 7252 5.8, 12.1.1). */
        CLIENT_ERROR
    }

    static Stream<Arguments> corpus() {
        List<Arguments> cases = new ArrayList<>();
        for (int type : new int[] { CON, NON }) {
            String t = type == CON ? "CON" : "NON";
            cases.add(Arguments.of(t + " with version 2", type, Expect.SILENCE, message(2, type, 0, 1, new byte[0],
                    uriPath("light", "level"))));
            for (int tkl = 9; tkl <= 15; tkl++) {
                cases.add(Arguments.of(t + " with token length " + tkl, type, Expect.RESET,
                        message(1, type, tkl, 1, new byte[Math.min(tkl, 8)], new byte[0])));
            }
            cases.add(Arguments.of(t + " with a truncated token", type, Expect.RESET,
                    message(1, type, 8, 1, new byte[] { 1, 2, 3 }, new byte[0])));
            cases.add(Arguments.of(t + " with a truncated option", type, Expect.REJECT,
                    message(1, type, 0, 1, new byte[0], new byte[] { (byte) 0xB5, 'l', 'i' })));
            cases.add(Arguments.of(t + " with option delta nibble 15", type, Expect.REJECT,
                    message(1, type, 0, 1, new byte[0], new byte[] { (byte) 0xF1, 'x' })));
            cases.add(Arguments.of(t + " with option length nibble 15", type, Expect.REJECT,
                    message(1, type, 0, 1, new byte[0], new byte[] { (byte) 0xBF, 'x' })));
            cases.add(Arguments.of(t + " with a payload marker and no payload", type, Expect.REJECT,
                    message(1, type, 0, 3, new byte[0], concat(uriPath("light", "level"), new byte[] {
                            (byte) 0xFF }))));
            cases.add(Arguments.of(t + " with an unknown critical option", type, Expect.BAD_OPTION,
                    message(1, type, 2, 1, new byte[] { 7, 7 }, concat(uriPath("light", "level"),
                            new byte[] { (byte) 0xE1, 0x07, (byte) 0xD1, 'x' }))));
            // OSCORE (9, empty value) before Uri-Path (11, delta 2): Californium parses it, the post does not
            // process it, and a client that believes its request protected must not get a plain answer.
            cases.add(Arguments.of(t + " with an OSCORE option", type, Expect.BAD_OPTION,
                    message(1, type, 2, 1, new byte[] { 7, 11 }, concat(new byte[] { (byte) 0x90 },
                            afterOption(9, uriPath("light", "level"))))));
            cases.add(Arguments.of(t + " with a Q-Block1 option", type, Expect.BAD_OPTION,
                    message(1, type, 2, 3, new byte[] { 7, 12 }, concat(uriPath("light", "level"),
                            new byte[] { (byte) 0x81, 0x08 }))));
            cases.add(Arguments.of(t + " with a repeated non-repeatable option", type, Expect.BAD_OPTION,
                    message(1, type, 2, 1, new byte[] { 7, 8 }, concat(uriPath("light", "level"),
                            new byte[] { (byte) 0x61, 0, 0x01, 0 }))));
            cases.add(Arguments.of(t + " with an over-long Uri-Path segment", type, Expect.BAD_OPTION,
                    message(1, type, 2, 1, new byte[] { 7, 9 }, longUriPath(300))));
            cases.add(Arguments.of(t + " with an unknown method code 0.31", type, Expect.CLIENT_ERROR,
                    message(1, type, 2, 31, new byte[] { 7, 10 }, uriPath("light", "level"))));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aMalformedDatagramGetsThePrescribedAnswerAndThePostKeepsAnswering(String name, int type, Expect expect,
            byte[] datagram) throws Exception {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(type == CON && expect != Expect.SILENCE ? 3000 : 700);
            socket.send(new DatagramPacket(datagram, datagram.length, target()));
            byte[] answer = receive(socket);
            if (type == NON || expect == Expect.SILENCE) {
                assertThat(answer).as("%s is dropped without an answer", name).isNull();
            } else {
                assertThat(answer).as("%s gets an answer", name).isNotNull();
                int answerType = (answer[0] >> 4) & 0x3;
                int code = answer[1] & 0xFF;
                switch (expect) {
                    case RESET -> assertThat(answerType).as("%s is rejected with a Reset", name).isEqualTo(RESET);
                    case REJECT -> assertThat(describe(answerType, code)).as(name).isIn("RST 0.00", "ACK 4.02");
                    case BAD_OPTION -> assertThat(describe(answerType, code)).as(name).isEqualTo("ACK 4.02");
                    case CLIENT_ERROR -> assertThat(describe(answerType, code)).as(name)
                            .isIn("ACK 4.05", "ACK 4.00", "ACK 4.02", "RST 0.00");
                    default -> throw new AssertionError(expect);
                }
            }
        }
        assertAlive();
    }

    private static void assertAlive() throws Exception {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(3000);
            int id = nextId();
            byte[] ping = { 0x40, 0, (byte) (id >> 8), (byte) id };
            socket.send(new DatagramPacket(ping, ping.length, target()));
            byte[] pong = receive(socket);
            assertThat(pong).as("the post answers a ping").isNotNull();
            assertThat((pong[0] >> 4) & 0x3).isEqualTo(RESET);

            byte[] get = message(1, CON, 1, 1, new byte[] { 42 }, uriPath("light", "level"));
            socket.send(new DatagramPacket(get, get.length, target()));
            byte[] content = receive(socket);
            assertThat(content).as("the post answers a GET").isNotNull();
            assertThat(describe((content[0] >> 4) & 0x3, content[1] & 0xFF)).isEqualTo("ACK 2.05");
        }
    }

    private static String describe(int type, int code) {
        String[] types = { "CON", "NON", "ACK", "RST" };
        return types[type] + " " + (code >> 5) + "." + String.format("%02d", code & 0x1F);
    }

    private static InetSocketAddress target() {
        return new InetSocketAddress("127.0.0.1", post.port);
    }

    private static byte[] receive(DatagramSocket socket) throws Exception {
        byte[] buffer = new byte[2048];
        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        byte[] out = new byte[p.getLength()];
        System.arraycopy(buffer, 0, out, 0, out.length);
        return out;
    }

    private static synchronized int nextId() {
        messageId = (messageId + 1) & 0xFFFF;
        return messageId;
    }

    /** A CoAP message with a declared token length that may differ from the token bytes given. */
    static byte[] message(int version, int type, int tokenLength, int code, byte[] token, byte[] optionsAndPayload) {
        int id = nextId();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((version << 6) | (type << 4) | tokenLength);
        out.write(code);
        out.write(id >> 8);
        out.write(id & 0xFF);
        out.writeBytes(token);
        out.writeBytes(optionsAndPayload);
        return out.toByteArray();
    }

    /** Uri-Path options (number 11), the first with delta 11 and the next with delta 0. */
    static byte[] uriPath(String... segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int delta = 11;
        for (String s : segments) {
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            out.write((delta << 4) | b.length);
            out.writeBytes(b);
            delta = 0;
        }
        return out.toByteArray();
    }

    /** @return Uri-Path options encoded to follow an option numbered {@code previous} (below 11) */
    static byte[] afterOption(int previous, byte[] uriPath) {
        byte[] out = uriPath.clone();
        out[0] = (byte) (((11 - previous) << 4) | (out[0] & 0x0F));
        return out;
    }

    /** One Uri-Path option longer than the 255 bytes RFC 7252 allows, encoded with the 2-byte extended length. */
    static byte[] longUriPath(int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((11 << 4) | 14);
        int ext = length - 269;
        if (ext < 0) {
            out.write((11 << 4) | 13);
            out.reset();
            out.write((11 << 4) | 13);
            out.write(length - 13);
        } else {
            out.write(ext >> 8);
            out.write(ext & 0xFF);
        }
        for (int i = 0; i < length; i++) {
            out.write('a');
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
