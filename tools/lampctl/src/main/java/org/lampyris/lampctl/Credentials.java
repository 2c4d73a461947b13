package org.lampyris.lampctl;

import java.nio.file.Path;

/** Who lampctl says it is over DTLS: a pre-shared key, or an X.509 client certificate. */
sealed interface Credentials {

    /**
     * A pre-shared key.
     *
     * @param identity the PSK identity, e.g. {@code city-engineer}
     * @param secret the key as text
     */
    record Psk(String identity, String secret) implements Credentials {
        /** @throws UsageException unless the text is IDENTITY:SECRET with neither empty */
        static Psk parse(String text, String where) throws UsageException {
            int colon = text.indexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new UsageException(where + ": expected IDENTITY:SECRET");
            }
            return new Psk(text.substring(0, colon), text.substring(colon + 1));
        }

        @Override
        public String toString() {
            return "PSK identity " + identity; // never the secret
        }
    }

    /**
     * A client certificate.
     *
     * @param certificate PEM file with the certificate chain (may also hold the private key)
     * @param key PEM file with the private key, or null when the certificate file holds it
     * @param trusted PEM file with the authorities the post's certificate must chain to
     */
    record Certificate(Path certificate, Path key, Path trusted) implements Credentials {
    }
}
