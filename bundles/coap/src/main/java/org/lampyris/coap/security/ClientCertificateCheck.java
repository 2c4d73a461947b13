package org.lampyris.coap.security;

import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.eclipse.californium.scandium.dtls.AlertMessage;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertDescription;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertLevel;
import org.eclipse.californium.scandium.dtls.CertificateMessage;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.CertificateVerificationResult;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeException;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.x509.NewAdvancedCertificateVerifier;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;
import org.eclipse.californium.scandium.util.ServerNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the certificate of a DTLS client against the authorities the post trusts, and says why it refused one: a
 * log line with the certificate's subject (never a key), at most once a minute per subject. On a street post it
 * recognises the public development client certificates, which it never accepts, and says so.
 * <p>
 * With no trusted authority it refuses every client certificate: Scandium would read an empty list of authorities as
 * "trust every certificate", so that anyone could make one with an engineer's common name.
 */
final class ClientCertificateCheck implements NewAdvancedCertificateVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(ClientCertificateCheck.class);

    /** Null when the post trusts no authority. */
    private final NewAdvancedCertificateVerifier trusted;
    private final List<X509Certificate> developmentAuthorities;
    private final OncePerMinute quiet = new OncePerMinute();

    /**
     * @param trusted the authorities client certificates must chain to; empty for none
     * @param developmentAuthorities the public development authorities a street post refuses, to name them in the
     *            log; empty on a development post
     */
    ClientCertificateCheck(List<X509Certificate> trusted, List<X509Certificate> developmentAuthorities) {
        this.trusted = trusted.isEmpty() ? null : StaticNewAdvancedCertificateVerifier.builder()
                .setTrustedCertificates(trusted.toArray(Certificate[]::new)).build();
        this.developmentAuthorities = List.copyOf(developmentAuthorities);
    }

    @Override
    public List<CertificateType> getSupportedCertificateTypes() {
        return List.of(CertificateType.X_509);
    }

    @Override
    public CertificateVerificationResult verifyCertificate(ConnectionId cid, ServerNames serverName,
            InetSocketAddress remotePeer, boolean clientUsage, boolean verifySubject, boolean truncateCertificatePath,
            CertificateMessage message) {
        CertificateVerificationResult result = trusted != null ? trusted.verifyCertificate(cid, serverName,
                remotePeer, clientUsage, verifySubject, truncateCertificatePath, message)
                : new CertificateVerificationResult(cid, new HandshakeException("no trusted certificate authority",
                        new AlertMessage(AlertLevel.FATAL, AlertDescription.BAD_CERTIFICATE)), null);
        X509Certificate client = first(message.getCertificateChain());
        if (result.getException() != null && client != null) {
            String subject = client.getSubjectX500Principal().getName();
            if (quiet.now(subject)) {
                LOG.warn("Refused a DTLS handshake with client certificate '{}' from {}: {}", subject,
                        remotePeer.getAddress().getHostAddress(), why(client, result.getException()));
            }
        }
        return result;
    }

    private String why(X509Certificate client, HandshakeException refusal) {
        for (X509Certificate authority : developmentAuthorities) {
            if (authority.getSubjectX500Principal().equals(client.getIssuerX500Principal())) {
                try {
                    client.verify(authority.getPublicKey());
                    return "it is a public development certificate, which a street post never accepts (start a "
                            + "development post with --dev)";
                } catch (GeneralSecurityException notSignedByIt) {
                    // issued under the same name by another key: not the development authority's
                }
            }
        }
        return trusted == null ? "this post trusts no client certificate authority (trust.file is empty)"
                : refusal.getMessage() + " (trust.file)";
    }

    private static X509Certificate first(CertPath chain) {
        if (chain == null || chain.getCertificates().isEmpty()
                || !(chain.getCertificates().get(0) instanceof X509Certificate certificate)) {
            return null;
        }
        return certificate;
    }

    @Override
    public List<X500Principal> getAcceptedIssuers() {
        return trusted == null ? List.of() : trusted.getAcceptedIssuers();
    }

    @Override
    public void setResultHandler(HandshakeResultHandler resultHandler) {
        if (trusted != null) {
            trusted.setResultHandler(resultHandler);
        }
    }
}
