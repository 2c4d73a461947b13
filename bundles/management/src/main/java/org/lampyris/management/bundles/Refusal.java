package org.lampyris.management.bundles;

/** A request refused before the framework was touched: the CoAP code and a reason a person can act on. */
final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;
    private final int code;
    private final String bsn;
    private final String version;

    Refusal(int code, String reason) {
        this(code, reason, null, null);
    }

    private Refusal(int code, String reason, String bsn, String version) {
        super(reason);
        this.code = code;
        this.bsn = bsn;
        this.version = version;
    }

    /** @return the same refusal, naming the bundle it is about */
    Refusal about(String symbolicName, String bundleVersion) {
        return new Refusal(code, getMessage(), symbolicName, bundleVersion);
    }

    int code() {
        return code;
    }

    /** @return the symbolic name of the refused bundle, {@code null} when the upload did not name one */
    String bsn() {
        return bsn;
    }

    /** @return the version of the refused bundle, {@code null} when unknown */
    String version() {
        return version;
    }
}
