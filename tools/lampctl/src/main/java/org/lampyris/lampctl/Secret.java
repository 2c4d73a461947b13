package org.lampyris.lampctl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A pre-shared key's secret for {@code identity add} and {@code identity rotate}: read from a file or standard input
 * ({@code --secret-file -}), so that it never stands in the command line, where {@code ps} shows it to everyone on the
 * machine; or made here, 128 random bits as 32 hexadecimal digits used as text, as a post makes its own.
 *
 * @param text the secret as the post's secret file holds it: text, or {@code hex:...}
 * @param generated whether lampctl made it (then it is printed once)
 */
record Secret(String text, boolean generated) {

    static Secret random() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return new Secret(HexFormat.of().formatHex(random), true);
    }

    /**
     * @param file a file holding the secret on its first line, or {@code -} for standard input
     * @throws UsageException naming the file when it cannot be read or holds no secret (never the secret)
     */
    static Secret read(Path file, InputStream stdin) throws UsageException {
        String text;
        try {
            text = file.toString().equals("-") ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageException("--secret-file " + file + ": no such file");
        } catch (IOException e) {
            throw new UsageException("--secret-file " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        String secret = text.lines().findFirst().orElse("").strip();
        if (secret.isEmpty()) {
            throw new UsageException("--secret-file " + file + ": holds no secret on its first line");
        }
        return new Secret(secret, false);
    }

    @Override
    public String toString() {
        return generated ? "a generated secret" : "a secret read from a file"; // never the secret
    }
}
