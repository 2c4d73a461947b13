package org.lampyris.lampctl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipFile;

import jdk.security.jarsigner.JarSigner;

/**
 * {@code lampctl trust sign}: a new code-signing trust store as the post takes it, a JAR holding the PEM as
 * {@value #ENTRY}, signed with the JDK's own jarsigner API by a key of a PKCS#12 store, as {@code jarsigner} would sign
 * it. The key must chain to the authority the post trusts now (for its first trust store: to the authority the JAR
 * installs).
 */
final class TrustJar {
    /** The entry the post reads the new trust store from. */
    static final String ENTRY = "code-signing-ca.pem";

    private TrustJar() {
    }

    /**
     * @param pem the new trust store's PEM certificates
     * @param password the store's password, wiped afterwards by the caller
     * @return the signed JAR
     * @throws UsageException naming the file or alias that is wrong
     */
    static byte[] sign(Path pemFile, Path keystore, String alias, char[] password) throws UsageException {
        byte[] pem = SecurityCommands.read(pemFile);
        String text = new String(pem, StandardCharsets.US_ASCII);
        if (text.contains("PRIVATE KEY")) {
            throw new UsageException(pemFile + ": holds a private key; a trust store holds certificates only");
        }
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new UsageException(pemFile + ": holds no certificate (PEM BEGIN CERTIFICATE)");
        }
        KeyStore store;
        try (InputStream in = Files.newInputStream(keystore)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (NoSuchFileException e) {
            throw new UsageException("--keystore " + keystore + ": no such file");
        } catch (IOException | GeneralSecurityException e) {
            throw new UsageException("--keystore " + keystore + ": cannot open it as PKCS#12 with that password ("
                    + e.getMessage() + ")");
        }
        try {
            if (!store.isKeyEntry(alias)) {
                throw new UsageException("--keystore " + keystore + ": no key under the alias " + alias);
            }
            PrivateKey key = (PrivateKey) store.getKey(alias, password);
            Certificate[] chain = store.getCertificateChain(alias);
            JarSigner signer = new JarSigner.Builder(key, CertificateFactory.getInstance("X.509")
                    .generateCertPath(Arrays.asList(chain))).signerName("LAMPYRIS").build();
            Path unsigned = Files.createTempFile("lampctl-trust", ".jar");
            try {
                Files.write(unsigned, unsignedJar(pem));
                ByteArrayOutputStream signed = new ByteArrayOutputStream();
                try (ZipFile zip = new ZipFile(unsigned.toFile())) {
                    signer.sign(zip, signed);
                }
                return signed.toByteArray();
            } finally {
                Files.deleteIfExists(unsigned);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new UsageException("cannot sign with the key " + alias + " of " + keystore + ": " + e.getMessage());
        }
    }

    private static byte[] unsignedJar(byte[] pem) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            out.putNextEntry(new JarEntry(ENTRY));
            out.write(pem);
            out.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** Writes the signed JAR. */
    static void write(Path out, byte[] jar) throws UsageException {
        try (OutputStream file = Files.newOutputStream(out)) {
            file.write(jar);
        } catch (IOException e) {
            throw new UsageException("--out " + out + ": cannot write it (" + e.getMessage() + ")");
        }
    }
}
