package org.lampyris.runtime;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.lampyris.internal.durable.DurableFile;
import org.lampyris.internal.x509.PemCredentials;
import org.lampyris.internal.x509.PostCertificate;
import org.lampyris.internal.x509.ServerKeyFiles;

/**
 * {@code bin/lampyris provision}: writes a city's credentials into a post's data directory at the depot, before the
 * post leaves for the street: its pre-shared keys ({@code security/psk.secret}), its code-signing authority
 * ({@code security/code-signing-ca.pem}) and its server key and certificate ({@code security/server.pem}). Everything
 * is checked before anything is written; secrets go to owner-only files through {@link DurableFile} and are never
 * printed. Exit codes: 0 written, 2 bad input (named), 1 the files could not be written.
 */
final class Provision {
    static final String USAGE = """
            Usage: lampyris provision --data DIR [options]
              Writes the city's credentials into a post's data directory (the --data-dir it will run with), before
              it leaves the depot. Secrets go to owner-only files and are never printed.
              --data DIR              the post's data directory (made if missing)
              --psk ID:ROLE:SECRET    a pre-shared key; ROLE reader, operator or engineer; SECRET text or hex:...,
                                      at least 16 bytes; repeatable. Replaces DIR/security/psk.secret
              --psk-file FILE         more such keys, one a line (# comments allowed)
              --code-signing-ca PEM   the city's code-signing authority: DIR/security/code-signing-ca.pem
              --server-key PEM        the post's server private key (PKCS#8, unencrypted), with
              --server-cert PEM       its certificate chain, the post's certificate first: DIR/security/server.pem
              --help                  print this help
            """;
    /** A city's key must be a real one: 128 bits, as {@code openssl rand -hex 16} makes. */
    static final int MIN_SECRET_BYTES = 16;
    private static final List<String> ROLES = List.of("reader", "operator", "engineer");
    private static final String PSK_FILE = "security/psk.secret";
    private static final String CODE_SIGNING_CA = "security/code-signing-ca.pem";

    /** What to write, read and checked. */
    record Request(Path data, List<String> psk, List<X509Certificate> codeSigningCa, PemCredentials server) {
    }

    private Provision() {
    }

    /** @return the exit code */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(USAGE);
            return 0;
        }
        Request request;
        try {
            request = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("lampyris provision: " + e.getMessage());
            return 2;
        }
        try {
            write(request).forEach(out::println);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("lampyris provision: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("lampyris provision: cannot write into " + request.data() + ": " + e.getMessage());
            return 1;
        }
    }

    /**
     * @throws IllegalArgumentException naming the option and the problem, never a secret
     */
    static Request parse(List<String> args) {
        Path data = null;
        List<String> psk = new ArrayList<>();
        List<String> pskSources = new ArrayList<>();
        Path codeSigningCa = null;
        Path serverKey = null;
        Path serverCert = null;
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            if (value == null || value.isEmpty() || value.startsWith("--")) {
                throw new IllegalArgumentException(name.startsWith("--") ? name + " needs a value"
                        : "unexpected '" + name + "' (try --help)");
            }
            i++;
            switch (name) {
                case "--data" -> data = Path.of(value);
                case "--psk" -> {
                    psk.add(value);
                    pskSources.add("--psk");
                }
                case "--psk-file" -> {
                    int line = 0;
                    for (String entry : readText(Path.of(value), name).split("\n")) {
                        line++;
                        String e = entry.trim();
                        if (!e.isEmpty() && !e.startsWith("#")) {
                            psk.add(e);
                            pskSources.add(value + " line " + line);
                        }
                    }
                }
                case "--code-signing-ca" -> codeSigningCa = Path.of(value);
                case "--server-key" -> serverKey = Path.of(value);
                case "--server-cert" -> serverCert = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option '" + name + "' (try --help)");
            }
        }
        if (data == null) {
            throw new IllegalArgumentException("--data DIR is needed: the post's data directory");
        }
        if ((serverKey == null) != (serverCert == null)) {
            throw new IllegalArgumentException(serverKey == null ? "--server-cert needs --server-key, its private key"
                    : "--server-key needs --server-cert, its certificate chain");
        }
        if (psk.isEmpty() && codeSigningCa == null && serverKey == null) {
            throw new IllegalArgumentException("nothing to provision: give --psk, --psk-file, --code-signing-ca or "
                    + "--server-key with --server-cert");
        }
        checkPsk(psk, pskSources);
        List<X509Certificate> authorities = codeSigningCa == null ? null
                : PemCredentials.certificates(readText(codeSigningCa, "--code-signing-ca"),
                        "--code-signing-ca " + codeSigningCa);
        return new Request(data, List.copyOf(psk), authorities,
                serverKey == null ? null : server(serverKey, serverCert));
    }

    private static void checkPsk(List<String> entries, List<String> sources) {
        List<String> identities = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String[] parts = entries.get(i).split(":", 3);
            String where = sources.get(i);
            if (parts.length < 3 || parts[0].isBlank() || parts[2].isEmpty()) {
                // Without two colons the text may be the secret itself: name the entry by where it is only.
                throw new IllegalArgumentException(where + ": " + (parts.length < 2 || parts[0].isBlank()
                        ? "an entry" : "the entry of '" + parts[0] + "'") + " is not written identity:role:secret");
            }
            String identity = parts[0];
            if (!identity.equals(identity.trim()) || identity.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException(where + ": the identity '" + identity.strip()
                        + "' has spaces or control characters around or in it");
            }
            if (!ROLES.contains(parts[1])) {
                throw new IllegalArgumentException(where + ": '" + identity + "' has the role '" + parts[1]
                        + "'; roles are " + String.join(", ", ROLES));
            }
            int length;
            if (parts[2].startsWith("hex:")) {
                try {
                    length = java.util.HexFormat.of().parseHex(parts[2].substring(4)).length;
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": the secret of '" + identity
                            + "' is not hexadecimal after hex:");
                }
            } else {
                length = parts[2].getBytes(StandardCharsets.UTF_8).length;
            }
            if (length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException(where + ": the secret of '" + identity + "' is " + length
                        + " bytes; a city's key needs at least " + MIN_SECRET_BYTES
                        + " (hex:$(openssl rand -hex 16))");
            }
            if (identities.contains(identity)) {
                throw new IllegalArgumentException(where + ": '" + identity + "' is listed twice");
            }
            identities.add(identity);
        }
    }

    private static PemCredentials server(Path keyFile, Path certFile) {
        PrivateKey key = PemCredentials.privateKey(readText(keyFile, "--server-key"), "--server-key " + keyFile);
        List<X509Certificate> chain = PemCredentials.certificates(readText(certFile, "--server-cert"),
                "--server-cert " + certFile);
        X509Certificate own = chain.get(0);
        if (!PemCredentials.belongTogether(key, own.getPublicKey())) {
            throw new IllegalArgumentException("the key of --server-key " + keyFile + " does not belong to the "
                    + "certificate " + own.getSubjectX500Principal().getName() + " of --server-cert " + certFile
                    + " (the first certificate must be the post's own)");
        }
        try {
            own.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new IllegalArgumentException("the certificate " + own.getSubjectX500Principal().getName()
                    + " of --server-cert " + certFile + " is not valid now: from " + own.getNotBefore().toInstant()
                    + " to " + own.getNotAfter().toInstant());
        }
        return new PemCredentials(key, chain);
    }

    private static String readText(Path file, String option) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + " cannot be read: "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
        }
    }

    /**
     * Writes what the request holds, while holding the data directory's lock, so that no post runs on it meanwhile.
     *
     * @return one line per file written or removed, naming identities and certificates, never a secret
     * @throws IllegalArgumentException when a post runs on the data directory
     */
    static List<String> write(Request request) throws IOException {
        Path data = request.data().toAbsolutePath().normalize();
        Path security = data.resolve("security");
        if (!Files.isDirectory(security)) {
            DurableFile.createFolders(data);
            Files.createDirectory(security, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            DurableFile.forceFolder(data);
        }
        List<String> done = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(data.resolve("lampyris.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalArgumentException("a post is running on " + data + "; stop it first");
            }
            if (!request.psk().isEmpty()) {
                Path file = data.resolve(PSK_FILE);
                boolean existed = Files.exists(file);
                StringBuilder text = new StringBuilder("# The city's pre-shared keys, identity:role:secret, "
                        + "provisioned with lampyris provision. Keep this file its owner's only.\n");
                request.psk().forEach(e -> text.append(e).append('\n'));
                DurableFile.writeOwnerOnly(file, text.toString().getBytes(StandardCharsets.UTF_8));
                done.add((existed ? "replaced " : "wrote ") + file + " (owner-only): " + request.psk().size()
                        + " pre-shared keys: " + request.psk().stream().map(e -> e.split(":", 3))
                                .map(p -> p[0] + " (" + p[1] + ")").collect(Collectors.joining(", ")));
            }
            if (request.codeSigningCa() != null) {
                Path file = data.resolve(CODE_SIGNING_CA);
                DurableFile.write(file, request.codeSigningCa().stream().map(PemCredentials::certificate)
                        .collect(Collectors.joining()).getBytes(StandardCharsets.US_ASCII));
                done.add("wrote " + file + ": the code-signing authority " + request.codeSigningCa().stream()
                        .map(c -> c.getSubjectX500Principal().getName()).collect(Collectors.joining(", ")));
            }
            if (request.server() != null) {
                ServerKeyFiles.writeKey(data, request.server());
                X509Certificate own = request.server().chain().get(0);
                done.add("wrote " + data.resolve(ServerKeyFiles.KEY) + " (owner-only): the server key and "
                        + request.server().chain().size() + " certificates, " + own.getSubjectX500Principal()
                                .getName() + " issued by " + own.getIssuerX500Principal().getName()
                        + ", SHA-256 fingerprint " + PostCertificate.fingerprint(own));
                // What belonged to a key the post had before would not match the new one.
                for (String stale : List.of(ServerKeyFiles.CITY_CHAIN, ServerKeyFiles.REQUEST)) {
                    if (Files.deleteIfExists(data.resolve(stale))) {
                        done.add("removed " + data.resolve(stale) + " (it was for the key replaced)");
                    }
                }
                DurableFile.forceFolder(security);
            }
        }
        return done;
    }
}
