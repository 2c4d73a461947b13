package org.lampyris.management.bundles;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.framework.BundleContext;

/**
 * Where the post's code-signing trust store is, and so who may change it: named by {@code trust.file} of the
 * management configuration (changed there, in {@code conf/}), the public development authority (a development post
 * without {@code trust.file}), or {@value #CITY_TRUST_FILE} in the data directory, where the city provisions it at the
 * depot or an engineer replaces it over {@code /mgmt/security/trust}.
 *
 * @param check the check of signed uploads against that trust store
 * @param source which of the three it is
 */
record CodeSigningTrust(SignedBundleCheck check, Source source) {
    /** Where a city provisions its code-signing authority in a post's data directory. */
    static final String CITY_TRUST_FILE = "security/code-signing-ca.pem";

    /** Where the trust store is defined. */
    enum Source {
        /** {@code trust.file} of {@code conf/org.lampyris.management.cfg}. */
        CONFIGURATION,
        /** The public development authority of a development post. */
        DEVELOPMENT,
        /** The data directory's {@value CodeSigningTrust#CITY_TRUST_FILE}: replaceable remotely. */
        DATA;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @throws IOException if the development authority is there and cannot be read
     */
    static CodeSigningTrust of(BundleContext context, ManagementConfig config) throws IOException {
        String dataDir = context.getProperty("lampyris.data.dir");
        String confDir = context.getProperty("lampyris.conf.dir");
        boolean development = Boolean.parseBoolean(context.getProperty("lampyris.development"));
        String trustFile = config.trust_file().isBlank() && development ? config.development_trust_file()
                : config.trust_file();
        SignedBundleCheck check;
        Source source;
        if (!trustFile.isBlank()) {
            check = new SignedBundleCheck(confDir == null ? Path.of(trustFile) : Path.of(confDir).resolve(trustFile));
            source = config.trust_file().isBlank() ? Source.DEVELOPMENT : Source.CONFIGURATION;
        } else {
            Path provisioned = (dataDir != null ? Path.of(dataDir) : context.getDataFile("").toPath())
                    .resolve(CITY_TRUST_FILE);
            check = SignedBundleCheck.provisionedBy(provisioned, "this street post trusts no code-signing "
                    + "authority yet: the city provisions its own by copying its code-signing CA certificate (PEM) to "
                    + provisioned + ", by PUT of a signed trust store to /mgmt/security/trust (lampctl trust replace), "
                    + "or naming it as trust.file in conf/org.lampyris.management.cfg (README, Security); the "
                    + "development authority of conf/security/ is trusted by development posts (--dev) only");
            source = Source.DATA;
        }
        if (!development && !config.development_trust_file().isBlank()) {
            String dev = config.development_trust_file();
            check = check.distrusting(confDir == null ? Path.of(dev) : Path.of(confDir).resolve(dev));
        }
        return new CodeSigningTrust(check, source);
    }
}
