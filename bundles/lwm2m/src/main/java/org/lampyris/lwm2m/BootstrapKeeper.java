package org.lampyris.lwm2m;

import java.io.IOException;

import org.eclipse.leshan.client.observer.LwM2mClientObserverAdapter;
import org.eclipse.leshan.client.resource.LwM2mObjectTree;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.LwM2mId;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.request.BootstrapRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the accounts each bootstrap session leaves in objects 0 and 1, the first one and every later one (a server
 * that kept refusing the registration, or asked for a bootstrap with /1/x/9), and says in the log how bootstrapping
 * went: never with a key.
 */
final class BootstrapKeeper extends LwM2mClientObserverAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapKeeper.class);

    private final BootstrappedAccounts accounts;
    private final LwM2mObjectTree objects;

    BootstrapKeeper(BootstrappedAccounts accounts, LwM2mObjectTree objects) {
        this.accounts = accounts;
        this.objects = objects;
    }

    @Override
    public void onBootstrapStarted(LwM2mServer bsserver, BootstrapRequest request) {
        LOG.info("LwM2M: bootstrapping from {} as {}", bsserver.getUri(), request.getEndpointName());
    }

    @Override
    public void onBootstrapSuccess(LwM2mServer bsserver, BootstrapRequest request) {
        // Called before the client registers with what it was given: a restart from here on needs no bootstrap.
        try {
            accounts.save(objects.getObjectEnabler(LwM2mId.SECURITY), objects.getObjectEnabler(LwM2mId.SERVER));
            LOG.info("LwM2M: bootstrapped by {}; the accounts it gave are kept in {}", bsserver.getUri(),
                    accounts.file());
        } catch (IOException | RuntimeException e) {
            LOG.error("LwM2M: bootstrapped by {}, but the accounts it gave could not be kept in {} ({}): a restart "
                    + "will bootstrap again", bsserver.getUri(), accounts.file(), e.getMessage());
        }
    }

    @Override
    public void onBootstrapFailure(LwM2mServer bsserver, BootstrapRequest request, ResponseCode code,
            String errorMessage, Exception cause) {
        LOG.warn("LwM2M: bootstrap from {} failed: {}; trying again later", bsserver.getUri(),
                code != null ? code + " " + errorMessage : String.valueOf(cause));
    }

    @Override
    public void onBootstrapTimeout(LwM2mServer bsserver, BootstrapRequest request) {
        LOG.warn("LwM2M: bootstrap server {} did not answer or did not finish in time; trying again later",
                bsserver.getUri());
    }
}
