package org.lampyris.tests.e2e;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.lampyris.testkit.SigningKey;
import org.lampyris.testkit.TestJar;

/**
 * New releases of the distribution's own bundles, as a vendor would ship them: the same bundle with a higher
 * Bundle-Version, signed with the JDK's jarsigner and the distribution's development signer.
 */
final class SignedJars {
    /** The distribution's development code signer, whom its posts trust. */
    static final SigningKey DEVELOPMENT_SIGNER = SigningKey.development(LampPost.DIST.resolve(
            "conf/security/dev-code-signing.p12"));

    private SignedJars() {
    }

    /** @return the distribution's JAR of that bundle */
    static Path baseJar(String symbolicName) throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(LampPost.DIST.resolve("bundles"),
                symbolicName + "-*.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new IOException("no " + symbolicName + " in " + LampPost.DIST.resolve("bundles"));
    }

    /** @return the bundle with another version, signed by the development signer */
    static byte[] release(Path baseJar, String version) throws IOException, InterruptedException {
        return DEVELOPMENT_SIGNER.sign(TestJar.of(baseJar).header("Bundle-Version", version).bytes());
    }
}
