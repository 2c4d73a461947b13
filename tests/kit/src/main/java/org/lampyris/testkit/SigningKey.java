package org.lampyris.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A code-signing key in a PKCS#12 store, under the alias {@code signer}, that signs JARs with the JDK's
 * {@code jarsigner} as a vendor's build does: the distribution's development signer
 * ({@code conf/security/dev-code-signing.p12}) or a stranger's key that no post trusts.
 */
public final class SigningKey {
    /** The password of the distribution's development signer, and of every stranger's store made here. */
    public static final String DEVELOPMENT_PASSWORD = "lampyris-dev";
    private static final String ALIAS = "signer";

    private final Path keystore;
    private final String password;

    private SigningKey(Path keystore, String password) {
        this.keystore = keystore;
        this.password = password;
    }

    /** @return the key in a PKCS#12 store with the development password, such as the distribution's dev signer */
    public static SigningKey development(Path keystore) {
        return of(keystore, DEVELOPMENT_PASSWORD);
    }

    /** @return the key in a PKCS#12 store */
    public static SigningKey of(Path keystore, String password) {
        return new SigningKey(keystore, password);
    }

    /**
     * Makes (or, on a second call with the same folder, reuses) a self-signed EC key that no trust store knows.
     *
     * @param dir where its store {@code stranger.p12} is kept
     */
    public static SigningKey stranger(Path dir) throws IOException, InterruptedException {
        Path keystore = dir.resolve("stranger.p12");
        if (!Files.exists(keystore)) {
            JdkTool.run("keytool", List.of("-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                    "-storepass", DEVELOPMENT_PASSWORD, "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=Stranger", "-validity", "30"));
        }
        return development(keystore);
    }

    /** @return the key's certificate as PEM, as a city hands its authority to a post's trust store */
    public String certificatePem() throws IOException {
        try (java.io.InputStream in = Files.newInputStream(keystore)) {
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            byte[] der = store.getCertificate(ALIAS).getEncoded();
            return "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] { '\n' })
                    .encodeToString(der) + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot read the certificate of " + keystore + ": " + e.getMessage(), e);
        }
    }

    /** @return the PKCS#12 store of the key, whose alias is {@code signer} and password {@link #DEVELOPMENT_PASSWORD} */
    public Path keystore() {
        return keystore;
    }

    /**
     * Signs a JAR file in place.
     *
     * @return the file
     */
    public Path sign(Path jar) throws IOException, InterruptedException {
        JdkTool.run("jarsigner", List.of("-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass",
                password, jar.toString(), ALIAS));
        return jar;
    }

    /** @return the JAR, signed; it passes through a temporary file that is deleted again */
    public byte[] sign(byte[] jar) throws IOException, InterruptedException {
        Path file = Files.createTempFile("lampyris-signing", ".jar");
        try {
            Files.write(file, jar);
            return Files.readAllBytes(sign(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
