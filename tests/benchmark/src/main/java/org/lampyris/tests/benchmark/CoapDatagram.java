package org.lampyris.tests.benchmark;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Just enough of the CoAP message format (RFC 7252, section 3) to write requests and read answers on a raw UDP
 * socket. The load generator and the observers use it instead of a CoAP library, so that the client side costs a few
 * microseconds per request and never becomes the bottleneck of what is measured.
 */
final class CoapDatagram {
    static final int CON = 0;
    static final int NON = 1;
    static final int ACK = 2;
    static final int RST = 3;

    static final int EMPTY = 0;
    static final int GET = 1;
    static final int PUT = 3;
    /** 2.04 Changed. */
    static final int CHANGED = 0x44;
    /** 2.05 Content. */
    static final int CONTENT = 0x45;

    private static final int OBSERVE = 6;
    private static final int URI_PATH = 11;
    private static final int CONTENT_FORMAT = 12;
    private static final int PAYLOAD_MARKER = 0xFF;

    /** Where the message ID sits in every datagram. */
    static final int MESSAGE_ID_OFFSET = 2;
    /** Where the token starts in every datagram. */
    static final int TOKEN_OFFSET = 4;

    private CoapDatagram() {
    }

    /**
     * A request on a path. {@code observe} is 0 to register, 1 to deregister and negative for none; a text payload
     * is sent as {@code text/plain} when it is not null.
     */
    static byte[] request(int type, int code, int messageId, byte[] token, String path, int observe, String payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(0x40 | type << 4 | token.length);
        out.write(code);
        out.write(messageId >> 8 & 0xFF);
        out.write(messageId & 0xFF);
        out.writeBytes(token);
        int last = 0;
        if (observe >= 0) {
            last = option(out, last, OBSERVE, observe == 0 ? new byte[0] : new byte[] {(byte) observe});
        }
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                last = option(out, last, URI_PATH, segment.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (payload != null) {
            option(out, last, CONTENT_FORMAT, new byte[0]);
            out.write(PAYLOAD_MARKER);
            out.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** @return a response code as CoAP writes it, such as {@code 2.05} */
    static String codeText(int code) {
        return (code >> 5) + "." + String.format("%02d", code & 0x1F);
    }

    /** The empty acknowledgement of a confirmable message. */
    static byte[] emptyAck(int messageId) {
        return new byte[] {(byte) (0x40 | ACK << 4), EMPTY, (byte) (messageId >> 8), (byte) messageId};
    }

    private static int option(ByteArrayOutputStream out, int last, int number, byte[] value) {
        int delta = number - last;
        // Options used here have small numbers; values up to 268 bytes take one extended length byte.
        if (delta >= 13 || value.length >= 269) {
            throw new IllegalArgumentException("option " + number + " of " + value.length + " bytes");
        }
        int length = value.length < 13 ? value.length : 13;
        out.write(delta << 4 | length);
        if (length == 13) {
            out.write(value.length - 13);
        }
        out.writeBytes(value);
        return number;
    }

    static int type(byte[] datagram) {
        return (datagram[0] >> 4) & 0x03;
    }

    static int code(byte[] datagram) {
        return datagram[1] & 0xFF;
    }

    static int messageId(byte[] datagram) {
        return (datagram[MESSAGE_ID_OFFSET] & 0xFF) << 8 | datagram[MESSAGE_ID_OFFSET + 1] & 0xFF;
    }

    static int tokenLength(byte[] datagram) {
        return datagram[0] & 0x0F;
    }

    /** @return the token read as a big-endian number, for tokens of up to 8 bytes */
    static long tokenValue(byte[] datagram) {
        long value = 0;
        for (int i = 0; i < tokenLength(datagram); i++) {
            value = value << 8 | datagram[TOKEN_OFFSET + i] & 0xFF;
        }
        return value;
    }

    /** @return a token of a given length holding a number, big-endian */
    static byte[] token(long value, int length) {
        byte[] token = new byte[length];
        for (int i = length - 1; i >= 0; i--) {
            token[i] = (byte) value;
            value >>= 8;
        }
        return token;
    }

    /** @return whether a message carries the Observe option, which marks a notification or a registration answer */
    static boolean hasObserve(byte[] datagram, int length) {
        return findOptions(datagram, length, true) >= 0;
    }

    /** @return the payload as text, empty when there is none */
    static String payload(byte[] datagram, int length) {
        int start = findOptions(datagram, length, false);
        return start < 0 || start >= length ? "" : new String(datagram, start, length - start, StandardCharsets.UTF_8);
    }

    /**
     * Walks the options. With {@code observe} true it returns 0 when the Observe option is present and -1 when not;
     * otherwise it returns where the payload starts, {@code length} when there is none, or -1 for a malformed message.
     */
    private static int findOptions(byte[] datagram, int length, boolean observe) {
        int i = TOKEN_OFFSET + tokenLength(datagram);
        int number = 0;
        while (i < length) {
            int b = datagram[i++] & 0xFF;
            if (b == PAYLOAD_MARKER) {
                return observe ? -1 : i;
            }
            int delta = b >> 4;
            int optionLength = b & 0x0F;
            if (delta == 13) {
                delta = 13 + (datagram[i++] & 0xFF);
            } else if (delta == 14) {
                delta = 269 + ((datagram[i] & 0xFF) << 8 | datagram[i + 1] & 0xFF);
                i += 2;
            }
            if (optionLength == 13) {
                optionLength = 13 + (datagram[i++] & 0xFF);
            } else if (optionLength == 14) {
                optionLength = 269 + ((datagram[i] & 0xFF) << 8 | datagram[i + 1] & 0xFF);
                i += 2;
            }
            if (delta == 15 || optionLength == 15) {
                return -1;
            }
            number += delta;
            if (observe && number == OBSERVE) {
                return 0;
            }
            i += optionLength;
        }
        return observe ? -1 : length;
    }
}
