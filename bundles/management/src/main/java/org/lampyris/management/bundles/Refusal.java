package org.lampyris.management.bundles;

import org.lampyris.internal.journal.UploadProblem;

/**
 * A request refused before the framework was touched: why ({@link Cause}, which the edge turns into its protocol's
 * code) and a reason a person can act on.
 */
final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a request is refused. */
    enum Cause {
        /** Not a JAR, or not an OSGi bundle. */
        NOT_A_BUNDLE(UploadProblem.PACKAGE),
        /** Unsigned, tampered with, or signed by a key the post does not trust. */
        UNTRUSTED(UploadProblem.INTEGRITY),
        /** The post cannot check signatures (its trust store is missing, say): the post's fault, not the client's. */
        CANNOT_CHECK(UploadProblem.PLATFORM),
        /** The JAR is another bundle than the one the request names. */
        ANOTHER_BUNDLE(UploadProblem.CONFLICT),
        /** The request is about a bundle that is not installed. */
        NOT_INSTALLED(UploadProblem.CONFLICT),
        /** It does not fit what is installed: installed already, a lower version, nothing to go back to. */
        CONFLICT(UploadProblem.CONFLICT);

        private final UploadProblem problem;

        Cause(UploadProblem problem) {
            this.problem = problem;
        }

        UploadProblem problem() {
            return problem;
        }
    }

    private final Cause cause;
    private final String bsn;
    private final String version;

    Refusal(Cause cause, String reason) {
        this(cause, reason, null, null);
    }

    private Refusal(Cause cause, String reason, String bsn, String version) {
        super(reason);
        this.cause = cause;
        this.bsn = bsn;
        this.version = version;
    }

    /** @return the same refusal, naming the bundle it is about */
    Refusal about(String symbolicName, String bundleVersion) {
        return new Refusal(cause, getMessage(), symbolicName, bundleVersion);
    }

    Cause cause() {
        return cause;
    }

    UploadProblem problem() {
        return cause.problem();
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
