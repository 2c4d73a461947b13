package org.lampyris.coap.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.lampyris.internal.durable.DurableFile;

/**
 * The post's secret file of pre-shared keys ({@value PostCredentials#PSK_FILE} in its data directory), as the
 * identity changes of {@code /mgmt/security/identities} keep it: one {@code identity:role:secret} line per identity,
 * each secret written as it was given (text, or {@code hex:...}), rewritten as a whole through {@link DurableFile} and
 * readable by its owner only. Comment lines of a file provisioned at the depot are not kept.
 */
final class PskFile {
    private static final String HEADER = "# The pre-shared keys of this post, identity:role:secret, one a line: made at "
            + "its first boot, provisioned at the depot, or changed by an engineer over /mgmt/security/identities. "
            + "Keep this file its owner's only.\n";

    /** One line of the file. */
    record Entry(String identity, Role role, String secret) {
        String line() {
            return identity + ":" + role.label() + ":" + secret;
        }

        @Override
        public String toString() {
            return identity + " (" + role.label() + ")"; // never the secret
        }
    }

    private PskFile() {
    }

    /**
     * @return the entries of the file, none when it is not there
     * @throws IOException when it cannot be read
     * @throws IllegalArgumentException naming a malformed entry, never its secret
     */
    static List<Entry> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(":", 3);
            if (parts.length < 3) {
                throw new IllegalArgumentException(file + ": an entry is not written identity:role:secret");
            }
            entries.add(new Entry(parts[0], Role.parse(parts[1]), parts[2]));
        }
        return entries;
    }

    /** Replaces the file with these entries, durably, owner-only; the folder is made if it is not there. */
    static void write(Path file, List<Entry> entries) throws IOException {
        StringBuilder text = new StringBuilder(HEADER);
        entries.forEach(e -> text.append(e.line()).append('\n'));
        DurableFile.writeOwnerOnly(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
