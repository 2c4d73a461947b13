package org.lampyris.management.bundles;

/** A request refused before the framework was touched: the CoAP code and a reason a person can act on. */
final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of problem it is, for clients that report it in a vocabulary of their own (LwM2M object 9). */
    enum Problem {
        /** Not a JAR, or not an OSGi bundle. */
        PACKAGE,
        /** Unsigned, tampered with, or signed by a key the post does not trust. */
        INTEGRITY,
        /** The post cannot check anything (its trust store is missing, say). */
        PLATFORM,
        /** A valid, trusted bundle that does not fit what is installed (a lower version, say). */
        CONFLICT
    }

    private final int code;
    private final Problem problem;
    private final String bsn;
    private final String version;

    Refusal(int code, String reason) {
        this(code, Problem.CONFLICT, reason);
    }

    Refusal(int code, Problem problem, String reason) {
        this(code, problem, reason, null, null);
    }

    private Refusal(int code, Problem problem, String reason, String bsn, String version) {
        super(reason);
        this.code = code;
        this.problem = problem;
        this.bsn = bsn;
        this.version = version;
    }

    /** @return the same refusal, naming the bundle it is about */
    Refusal about(String symbolicName, String bundleVersion) {
        return new Refusal(code, problem, getMessage(), symbolicName, bundleVersion);
    }

    int code() {
        return code;
    }

    Problem problem() {
        return problem;
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
