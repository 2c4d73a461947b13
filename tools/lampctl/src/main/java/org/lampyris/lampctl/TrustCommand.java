package org.lampyris.lampctl;

import java.io.Console;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lampctl trust show|replace|sign}: the post's code-signing trust store, its replacement by a JAR signed under
 * the authority the post trusts now, and the making of that JAR here.
 */
@Command(name = "trust", description = "the post's code-signing trust store: show, replace, sign "
        + "(/mgmt/security/trust)", synopsisSubcommandLabel = "show|replace|sign")
final class TrustCommand implements Callable<Integer> {
    /** The environment variable the key store's password is taken from when no file gives it. */
    static final String STOREPASS_VARIABLE = "LAMPCTL_STOREPASS";

    @ParentCommand
    private Lampctl lampctl;

    @Override
    public Integer call() throws UsageException {
        throw new UsageException("trust needs a command: show, replace or sign (see lampctl trust --help)");
    }

    @Command(name = "show", description = "GET /mgmt/security/trust: subject, not-after and SHA-256 of each trusted "
            + "authority")
    int show() throws UsageException {
        return lampctl.onEachPost(false, (session, host) -> new SecurityCommands(session).showTrust(host));
    }

    @Command(name = "replace", description = "PUT /mgmt/security/trust (block-wise): the post takes the new trust "
            + "store only if the JAR's signer chains to the authority it trusts now")
    int replace(@Parameters(paramLabel = "JAR", description = "made by lampctl trust sign") Path jar)
            throws UsageException {
        byte[] bytes = SecurityCommands.read(jar);
        return lampctl.onEachPost(true, (session, host) -> new SecurityCommands(session).replaceTrust(host, jar,
                bytes));
    }

    @Command(name = "sign", description = "make the JAR for trust replace: NEW.pem as code-signing-ca.pem, signed by "
            + "a key of a PKCS#12 store (no post is contacted)")
    int sign(@Parameters(paramLabel = "NEW.pem", description = "the new trust store: the authorities' certificates")
            Path pem,
            @Option(names = "--keystore", required = true, paramLabel = "P12",
                    description = "the signing key's PKCS#12 store; its certificate must chain to the authority the "
                            + "posts trust now") Path keystore,
            @Option(names = "--alias", required = true, paramLabel = "A", description = "the key's alias") String alias,
            @Option(names = "--storepass-file", paramLabel = "FILE", description = "the store's password on the first "
                    + "line of FILE; default: the environment variable " + STOREPASS_VARIABLE + ", else asked for")
            Path passwordFile,
            @Option(names = "--out", required = true, paramLabel = "JAR", description = "where to write the JAR")
            Path out) throws UsageException {
        char[] password = password(passwordFile);
        try {
            TrustJar.write(out, TrustJar.sign(pem, keystore, alias, password));
        } finally {
            Arrays.fill(password, '\0');
        }
        lampctl.out().println("signed " + pem.getFileName() + " with " + alias + " into " + out
                + "; send it with lampctl trust replace " + out);
        return ExitCode.SUCCESS.status();
    }

    private char[] password(Path file) throws UsageException {
        if (file != null) {
            String text = new String(SecurityCommands.read(file), StandardCharsets.UTF_8);
            return text.lines().findFirst().orElse("").toCharArray();
        }
        String fromEnv = lampctl.env().get(STOREPASS_VARIABLE);
        if (fromEnv != null) {
            return fromEnv.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new UsageException("no password for --keystore: give --storepass-file FILE or set "
                    + STOREPASS_VARIABLE);
        }
        char[] typed = console.readPassword("password of %s: ", "the key store");
        if (typed == null) {
            throw new UsageException("no password for --keystore");
        }
        return typed;
    }
}
