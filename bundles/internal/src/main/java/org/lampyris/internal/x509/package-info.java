/**
 * A post's own X.509 credentials without a certificate library: {@link org.lampyris.internal.x509.Der} encodes the
 * few ASN.1 structures needed, {@link org.lampyris.internal.x509.PostCertificate} makes a self-signed certificate and a
 * certificate signing request (PKCS#10) for a key pair, and {@link org.lampyris.internal.x509.PemCredentials} reads and
 * writes a private key with its certificate chain as PEM and checks that the two belong together.
 */
package org.lampyris.internal.x509;
