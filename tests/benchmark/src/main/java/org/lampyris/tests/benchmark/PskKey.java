package org.lampyris.tests.benchmark;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A DTLS pre-shared key: the identity and its secret, written {@code identity:secret} on a command line with the
 * secret as text or {@code hex:0a1b...}, as the platform's {@code psk} setting writes it.
 *
 * @param identity the PSK identity
 * @param text     the secret as written
 */
record PskKey(String identity, String text) {

    /** @throws IllegalArgumentException when it is not {@code identity:secret} */
    static PskKey parse(String identityAndSecret) {
        int colon = identityAndSecret.indexOf(':');
        if (colon <= 0 || colon == identityAndSecret.length() - 1) {
            throw new IllegalArgumentException("a pre-shared key is written identity:secret");
        }
        return new PskKey(identityAndSecret.substring(0, colon), identityAndSecret.substring(colon + 1));
    }

    /** @return the secret's bytes */
    byte[] secret() {
        return text.startsWith("hex:") ? HexFormat.of().parseHex(text.substring(4))
                : text.getBytes(StandardCharsets.UTF_8);
    }

    /** @return {@code identity:secret}, for a command line */
    String argument() {
        return identity + ":" + text;
    }

    @Override
    public String toString() {
        return identity + ":<secret>";
    }
}
