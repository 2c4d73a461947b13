package org.lampyris.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import org.lampyris.internal.durable.DurableFile;
import org.lampyris.internal.x509.ServerKeyFiles;

/**
 * The post's own secrets in {@code DATA/security/} ({@code *.secret}, {@code *.key}, {@code *.p12}, a {@code *.pem}
 * with a private key: its pre-shared keys and server key, made at first boot or provisioned by the city): a post
 * refuses to start while any of them can be read or changed by anyone but its owner, since a secret others could read
 * is no secret; nor with a server certificate the city provisioned for another key.
 */
final class SecretFiles {
    /** The folder of the data directory that holds the post's secrets. */
    static final String FOLDER = "security";

    private SecretFiles() {
    }

    /**
     * Certificates (a city's code-signing authority, say) and certificate requests are public; keys, pre-shared keys
     * and a PEM file that holds a private key (server.pem) are not.
     */
    static boolean isSecret(Path file) throws IOException {
        String name = file.getFileName().toString();
        return name.endsWith(".secret") || name.endsWith(".key") || name.endsWith(".p12")
                || name.endsWith(".pem") && Files.readString(file, StandardCharsets.ISO_8859_1).contains("PRIVATE KEY");
    }

    /**
     * @throws StartupException when the server key of the data directory does not read, or the chain a city provisioned
     *             for it (server.crt) is for another key, naming the file
     */
    static void checkServerKey(Path dataDir) throws StartupException {
        if (ServerKeyFiles.exists(dataDir)) {
            try {
                ServerKeyFiles.read(dataDir);
            } catch (IllegalArgumentException e) {
                throw new StartupException(e.getMessage() + "; the post does not start with it", e);
            }
        }
    }

    /**
     * @throws StartupException naming the first file others may read or write, and how to fix it
     */
    static void checkOwnerOnly(Path dataDir) throws StartupException {
        Path folder = dataDir.resolve(FOLDER);
        if (!Files.isDirectory(folder) || !folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                if (!Files.isRegularFile(file) || !isSecret(file)) {
                    continue;
                }
                if (DurableFile.othersMayAccess(file)) {
                    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                    throw new StartupException("the secret file " + file + " can be read or changed by others ("
                            + java.nio.file.attribute.PosixFilePermissions.toString(permissions)
                            + "): the post does not start with it; make it owner-only (chmod 600 " + file
                            + ") or replace the secrets it held");
                }
            }
        } catch (IOException e) {
            throw new StartupException("cannot check the secret files in " + folder + ": " + e.getMessage(), e);
        }
    }
}
