package org.lampyris.management.bundles;

import org.osgi.framework.Version;

/**
 * An upload that is a bundle signed by a trusted certificate.
 *
 * @param signer the subject common name of the certificate that signed it
 */
record VerifiedBundle(String symbolicName, Version version, String signer) {
}
