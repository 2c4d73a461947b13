package org.lampyris.lwm2m;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;

import org.eclipse.leshan.client.object.Security;

/**
 * The Security object instance (LwM2M object 0) of the account the configuration gives the post: a server account
 * ({@code server.uri}, {@code security.mode}, {@code psk.*}) or a bootstrap-server account ({@code bootstrap.uri},
 * {@code bootstrap.security.mode}, {@code bootstrap.psk.*}). X509 takes the post's own key and certificate from
 * {@code x509.credentials} for either.
 */
final class ConfiguredAccount {

    private ConfiguredAccount() {
    }

    /**
     * @param conf the directory the PEM files are relative to
     * @return the server account, with the configured short server id
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    static Security server(Lwm2mConfig config, Path conf) {
        String uri = config.server_uri().trim();
        String mode = mode(config.security_mode());
        check(Lwm2mConfigCheck.account("server.uri", uri, "", mode, config.psk_identity().trim(),
                config.psk_key().trim()));
        int id = config.short_server_id();
        return switch (mode) {
            case "NONE" -> Security.noSec(uri, id);
            case "PSK" -> Security.psk(uri, id, utf8(config.psk_identity()), hex(config.psk_key()));
            case "X509" -> X509Credentials.read(conf, config.x509_credentials(), config.x509_server_certificate())
                    .security(uri, id);
            default -> throw new IllegalStateException("Lwm2mConfigCheck lets no other mode through: " + mode);
        };
    }

    /**
     * @param conf the directory the PEM files are relative to
     * @return the bootstrap-server account
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    static Security bootstrap(Lwm2mConfig config, Path conf) {
        String uri = config.bootstrap_uri().trim();
        String mode = mode(config.bootstrap_security_mode());
        check(Lwm2mConfigCheck.account("bootstrap.uri", uri, "bootstrap.", mode,
                config.bootstrap_psk_identity().trim(), config.bootstrap_psk_key().trim()));
        return switch (mode) {
            case "NONE" -> Security.noSecBootstrap(uri);
            case "PSK" -> Security.pskBootstrap(uri, utf8(config.bootstrap_psk_identity()),
                    hex(config.bootstrap_psk_key()));
            case "X509" -> X509Credentials.read(conf, config.x509_credentials(),
                    config.bootstrap_x509_server_certificate()).bootstrapSecurity(uri);
            default -> throw new IllegalStateException("Lwm2mConfigCheck lets no other mode through: " + mode);
        };
    }

    private static String mode(String mode) {
        String m = mode.trim().toUpperCase(Locale.ROOT);
        return m.isEmpty() ? "NONE" : m;
    }

    private static void check(String problem) {
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    private static byte[] utf8(String identity) {
        return identity.trim().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hex(String key) {
        return HexFormat.of().parseHex(key.trim());
    }
}
