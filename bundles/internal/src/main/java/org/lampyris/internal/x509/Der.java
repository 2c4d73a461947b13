package org.lampyris.internal.x509;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A DER encoder (ITU-T X.690) for the handful of ASN.1 types a certificate and a certificate request are made of. Each
 * method returns one complete element, tag, length and content, so that structures are written as nested calls.
 */
public final class Der {
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    private Der() {
    }

    /** @return a SEQUENCE of the given elements */
    public static byte[] sequence(byte[]... elements) {
        return element(0x30, concat(elements));
    }

    /** @return a SET of the given elements, in the order given (callers pass one element, or sorted ones) */
    public static byte[] set(byte[]... elements) {
        return element(0x31, concat(elements));
    }

    /** @return an INTEGER */
    public static byte[] integer(BigInteger value) {
        return element(0x02, value.toByteArray());
    }

    /** @return a BOOLEAN */
    public static byte[] bool(boolean value) {
        return element(0x01, new byte[] { (byte) (value ? 0xFF : 0x00) });
    }

    /** @return an OBJECT IDENTIFIER written in dotted form, e.g. {@code 2.5.4.3} */
    public static byte[] oid(String dotted) {
        String[] parts = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        base128(out, Long.parseLong(parts[0]) * 40 + Long.parseLong(parts[1]));
        for (int i = 2; i < parts.length; i++) {
            base128(out, Long.parseLong(parts[i]));
        }
        return element(0x06, out.toByteArray());
    }

    /** @return a UTF8String */
    public static byte[] utf8(String text) {
        return element(0x0C, text.getBytes(StandardCharsets.UTF_8));
    }

    /** @return an OCTET STRING */
    public static byte[] octets(byte[] content) {
        return element(0x04, content);
    }

    /** @return a BIT STRING of whole bytes */
    public static byte[] bits(byte[] content) {
        return element(0x03, concat(new byte[] { 0 }, content));
    }

    /**
     * @return a BIT STRING of named bits (RFC 5280 KeyUsage), bit 0 the first: trailing zero bits are left out, as DER
     *         requires
     */
    public static byte[] namedBits(int... bitNumbers) {
        int highest = 0;
        for (int bit : bitNumbers) {
            highest = Math.max(highest, bit);
        }
        byte[] content = new byte[highest / 8 + 1];
        for (int bit : bitNumbers) {
            content[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        int unused = 7 - highest % 8;
        return element(0x03, concat(new byte[] { (byte) unused }, content));
    }

    /** @return a Time as RFC 5280 wants it: UTCTime through 2049, GeneralizedTime from 2050 */
    public static byte[] time(ZonedDateTime when) {
        ZonedDateTime utc = when.withZoneSameInstant(ZoneOffset.UTC).withNano(0);
        if (utc.getYear() < 2050) {
            return element(0x17, UTC_TIME.format(utc).getBytes(StandardCharsets.US_ASCII));
        }
        return element(0x18, GENERALIZED_TIME.format(utc).getBytes(StandardCharsets.US_ASCII));
    }

    /** @return a constructed context-specific element {@code [tag]}, EXPLICIT around its content */
    public static byte[] explicit(int tag, byte[] content) {
        return element(0xA0 | tag, content);
    }

    /** @return an element of the given tag byte with the given content */
    public static byte[] element(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static void base128(ByteArrayOutputStream out, long value) {
        int groups = Math.max(1, (Long.SIZE - Long.numberOfLeadingZeros(value) + 6) / 7);
        for (int i = groups - 1; i >= 0; i--) {
            int b = (int) ((value >>> (7 * i)) & 0x7F);
            out.write(i == 0 ? b : b | 0x80);
        }
    }
}
