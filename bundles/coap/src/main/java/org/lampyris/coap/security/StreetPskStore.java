package org.lampyris.coap.security;

import java.util.Set;

import javax.crypto.SecretKey;

import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.PskSecretResult;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.eclipse.californium.scandium.util.ServerNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The post's pre-shared keys, which on a street post also says why a handshake with a public development identity
 * fails: a log line naming the identity (never a secret), at most once a minute per identity so that a flood of such
 * handshakes does not flood the log.
 */
final class StreetPskStore extends AdvancedMultiPskStore {
    private static final Logger LOG = LoggerFactory.getLogger(StreetPskStore.class);

    private final Set<String> refusedDevelopmentIdentities;
    private final OncePerMinute logged = new OncePerMinute();

    StreetPskStore(Set<String> refusedDevelopmentIdentities) {
        this.refusedDevelopmentIdentities = refusedDevelopmentIdentities;
    }

    @Override
    public PskSecretResult requestPskSecretResult(ConnectionId cid, ServerNames serverName,
            PskPublicInformation identity, String hmacAlgorithm, SecretKey otherSecret, byte[] seed,
            boolean useExtendedMasterSecret) {
        PskSecretResult result = super.requestPskSecretResult(cid, serverName, identity, hmacAlgorithm, otherSecret,
                seed, useExtendedMasterSecret);
        if (result.getSecret() == null) {
            String name = identity.getPublicInfoAsString();
            if (refusedDevelopmentIdentities.contains(name)) {
                if (logged.now(name)) {
                    LOG.warn("Refused a DTLS handshake with psk identity '{}': it is a public development identity, "
                            + "which a street post never accepts (start a development post with --dev)", name);
                }
            } else {
                LOG.debug("Refused a DTLS handshake with unknown psk identity '{}'", name);
            }
        }
        return result;
    }
}
