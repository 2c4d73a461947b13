package org.lampyris.runtime;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * The post's own secrets in {@code DATA/security/} ({@code *.secret}, {@code *.key}, {@code *.p12}: its pre-shared
 * keys, made at first boot or provisioned by the city): a post refuses to start while any of them can be read or changed by anyone but its owner, since a secret
 * others could read is no secret.
 */
final class SecretFiles {
    /** The folder of the data directory that holds the post's secrets. */
    static final String FOLDER = "security";
    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private SecretFiles() {
    }

    /** Certificates (a city's code-signing authority, say) are public; keys and pre-shared keys are not. */
    static boolean isSecret(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".secret") || name.endsWith(".key") || name.endsWith(".p12");
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
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (permissions.stream().anyMatch(NOT_OWNER::contains)) {
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
