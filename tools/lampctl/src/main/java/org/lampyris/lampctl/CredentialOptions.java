package org.lampyris.lampctl;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code --psk}, or {@code --cert}, {@code --key} and {@code --ca}: who lampctl says it is over DTLS. */
final class CredentialOptions {
    /** The environment variable a pre-shared key is taken from when no option gives one. */
    static final String PSK_VARIABLE = "LAMPCTL_PSK";

    @Option(names = "--psk", paramLabel = "IDENTITY:SECRET", scope = ScopeType.INHERIT, order = 3,
            description = "a pre-shared key; default: the environment variable " + PSK_VARIABLE)
    private String psk;

    @Option(names = "--cert", paramLabel = "CRT", scope = ScopeType.INHERIT, order = 4,
            description = "an X.509 client certificate (PEM; it may hold the key too)")
    private Path certificate;

    @Option(names = "--key", paramLabel = "KEY", scope = ScopeType.INHERIT, order = 5,
            description = "its private key (PEM: PRIVATE KEY or EC PRIVATE KEY)")
    private Path key;

    @Option(names = "--ca", paramLabel = "CA", scope = ScopeType.INHERIT, order = 6,
            description = "the authority the posts' certificates are checked against (PEM)")
    private Path authority;

    /**
     * @param hosts the posts
     * @param env the environment ({@value #PSK_VARIABLE})
     * @return the credentials, or null when every post is plain CoAP
     * @throws UsageException when the options contradict each other or a post over DTLS has none
     */
    Credentials credentials(List<HostAddress> hosts, Map<String, String> env) throws UsageException {
        if (hosts.stream().noneMatch(HostAddress::secure)) {
            return null;
        }
        if (certificate != null || key != null || authority != null) {
            if (psk != null) {
                throw new UsageException("give either --psk or --cert, not both");
            }
            if (certificate == null) {
                throw new UsageException("--key and --ca need --cert");
            }
            if (authority == null) {
                throw new UsageException("--cert needs --ca, the authority that signed the posts' certificates");
            }
            return new Credentials.Certificate(certificate, key, authority);
        }
        if (psk != null) {
            return Credentials.Psk.parse(psk, "--psk");
        }
        String fromEnv = env.get(PSK_VARIABLE);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return Credentials.Psk.parse(fromEnv, PSK_VARIABLE);
        }
        throw new UsageException("no credentials for coaps://: give --psk IDENTITY:SECRET, --cert CRT --key KEY"
                + " --ca CA, or set " + PSK_VARIABLE);
    }
}
