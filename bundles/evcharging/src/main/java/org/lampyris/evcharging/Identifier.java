package org.lampyris.evcharging;

/**
 * The identifier that authorises a charging session: an RFID card's UID or a contract id (an e-mobility account id
 * such as {@code NL-TNM-C00122045-K}), 1 to 64 printable ASCII characters.
 */
final class Identifier {
    static final int MAX_LENGTH = 64;

    private Identifier() {
    }

    /**
     * @param text the identifier as received
     * @return the identifier
     * @throws IllegalArgumentException saying what an identifier is, if the text is not one
     */
    static String check(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("an identifier is 1 to " + MAX_LENGTH
                    + " printable ASCII characters, got " + text.length() + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("an identifier is 1 to " + MAX_LENGTH
                        + " printable ASCII characters, got a character U+" + String.format("%04X", (int) c)
                        + " at position " + (i + 1));
            }
        }
        return text;
    }
}
