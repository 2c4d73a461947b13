package org.lampyris.management.bundles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.lampyris.internal.json.Json;
import org.lampyris.api.management.ManagementRequest;
import org.lampyris.api.management.ManagementResource;
import org.lampyris.api.management.ManagementResponse;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@code /mgmt/bundles}: the bundles of the post, and transactions that install, update, roll back and uninstall
 * them (see {@link BundleTransactions}).
 */
@Component(configurationPid = ManagementConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = ManagementResource.NAME + "=bundles")
@Designate(ocd = ManagementConfig.class)
public class BundlesResource implements ManagementResource {
    private final BundleContext context;
    private final ProtectedBundles protectedBundles;
    private final BundleTransactions transactions;
    private final ExecutorService reads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lampyris-mgmt-health");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public BundlesResource(BundleContext context, @Reference ServiceComponentRuntime scr, ManagementConfig config)
            throws IOException {
        this.context = context;
        this.protectedBundles = new ProtectedBundles(config.protected_bundles());
        String dataDir = context.getProperty("lampyris.data.dir");
        Path mgmt = dataDir != null ? Path.of(dataDir, "mgmt") : context.getDataFile("mgmt").toPath();
        String confDir = context.getProperty("lampyris.conf.dir");
        Path trust = confDir == null ? Path.of(config.trust_file()) : Path.of(confDir).resolve(config.trust_file());
        String home = context.getProperty("lampyris.home");
        Journal journal = new Journal(mgmt);
        HealthWindow health = new HealthWindow(context, scr, reads, config.health_timeout_ms(),
                config.health_window_ms(), config.point_read_timeout_ms());
        this.transactions = new BundleTransactions(context, journal, new SignedBundleCheck(trust), health,
                new PreviousJars(journal, home == null ? null : Path.of(home, "bundles")));
    }

    @Deactivate
    void deactivate() {
        reads.shutdownNow();
    }

    @Override
    public synchronized ManagementResponse handle(ManagementRequest request) throws Exception {
        List<String> path = request.path();
        String method = request.method();
        if (path.isEmpty()) {
            return switch (method) {
            case "GET" -> ManagementResponse.json(205, Json.write(list()));
            case "POST" -> request.query().containsKey("verify") ? verify(null, request)
                    : outcome(transactions.upload(null, request.body(), false, request.identity()));
            default -> ManagementResponse.text(405, method + " is not allowed on /mgmt/bundles (GET, POST)");
            };
        }
        if (path.size() > 1) {
            return ManagementResponse.text(404, "no such resource");
        }
        String bsn = path.get(0);
        Bundle bundle = BundleLookup.find(context, bsn);
        switch (method) {
        case "GET":
            if (bundle == null) {
                return ManagementResponse.text(404, "no bundle " + bsn + " is installed");
            }
            Map<String, Object> json = describe(bundle);
            Optional<Transaction> last = transactions.last(bsn);
            json.put("lastTransaction", last.map(BundlesResource::describe).orElse(null));
            return ManagementResponse.json(205, Json.write(json));
        case "PUT":
            if (request.query().containsKey("verify")) {
                return verify(bsn, request);
            }
            return outcome(transactions.upload(bsn, request.body(), request.query().containsKey("rollback"),
                    request.identity()));
        case "DELETE":
            if (bundle == null) {
                return ManagementResponse.text(404, "no bundle " + bsn + " is installed");
            }
            if (protectedBundles.covers(bundle)) {
                return ManagementResponse.text(409, bsn + " is protected: the post needs it to stay manageable and "
                        + "lit, so it cannot be uninstalled");
            }
            return outcome(transactions.uninstall(bundle, request.identity()));
        case "POST":
            return act(bsn, bundle, request.text().trim(), request.identity());
        default:
            return ManagementResponse.text(405, method + " is not allowed on /mgmt/bundles/" + bsn);
        }
    }

    private ManagementResponse act(String bsn, Bundle bundle, String action, String identity) throws Exception {
        if (action.equals("rollback")) {
            return outcome(transactions.rollback(bsn, identity));
        }
        if (bundle == null) {
            return ManagementResponse.text(404, "no bundle " + bsn + " is installed");
        }
        try {
            switch (action) {
            case "start":
                bundle.start();
                break;
            case "stop":
                if (protectedBundles.covers(bundle)) {
                    return ManagementResponse.text(409, bsn + " is protected: the post needs it to stay manageable "
                            + "and lit, so it cannot be stopped");
                }
                bundle.stop();
                break;
            default:
                return ManagementResponse.text(400, "POST /mgmt/bundles/" + bsn
                        + " takes start, stop or rollback, not '" + action + "'");
            }
        } catch (BundleException e) {
            return ManagementResponse.text(409, "could not " + action + " " + bsn + ": " + e.getMessage());
        }
        return ManagementResponse.json(204, Json.write(describe(bundle)));
    }

    /**
     * {@code ?verify}: the checks of an install or update, and nothing else. 2.05 with the bundle it is, or the
     * refusal's code with its reason and what kind of problem it is ({@code package}, {@code integrity},
     * {@code platform} or {@code conflict}).
     */
    private ManagementResponse verify(String bsn, ManagementRequest request) throws IOException {
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        try {
            VerifiedBundle bundle = transactions.verify(bsn, request.body(), request.query().containsKey("rollback"));
            json.put("symbolicName", bundle.symbolicName());
            json.put("version", bundle.version().toString());
            json.put("signer", bundle.signer());
            return ManagementResponse.json(205, Json.write(json));
        } catch (Refusal r) {
            json.put("symbolicName", r.bsn());
            json.put("version", r.version());
            json.put("problem", r.problem().name().toLowerCase(java.util.Locale.ROOT));
            json.put("reason", r.getMessage());
            return ManagementResponse.json(r.code(), Json.write(json));
        }
    }

    private static ManagementResponse outcome(BundleTransactions.Outcome outcome) {
        Transaction t = outcome.transaction();
        if (outcome.code() >= 400 && t.state().equals(Transaction.REFUSED)) {
            return ManagementResponse.text(outcome.code(), t.reason());
        }
        return ManagementResponse.json(outcome.code(), Json.write(describe(t)));
    }

    private List<Object> list() throws IOException {
        List<Object> bundles = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            bundles.add(describe(b));
        }
        return bundles;
    }

    private Map<String, Object> describe(Bundle b) throws IOException {
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("id", b.getBundleId());
        json.put("symbolicName", b.getSymbolicName());
        json.put("version", b.getVersion().toString());
        json.put("state", BundleStates.name(b.getState()));
        json.put("vendor", b.getHeaders("").get(Constants.BUNDLE_VENDOR));
        json.put("signer", signer(b));
        json.put("location", b.getLocation());
        json.put("protected", protectedBundles.covers(b));
        return json;
    }

    /** The signer journalled when this very version was committed; base bundles have none. */
    private String signer(Bundle b) throws IOException {
        if (b.getSymbolicName() == null) {
            return null;
        }
        return transactions.last(b.getSymbolicName())
                .filter(t -> t.committed().equals(b.getVersion().toString()) && !t.signer().isEmpty())
                .map(Transaction::signer).orElse(null);
    }

    static Map<String, Object> describe(Transaction t) {
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("id", t.id());
        json.put("action", t.action());
        json.put("symbolicName", t.bsn());
        json.put("from", t.from().isEmpty() ? null : t.from());
        json.put("to", t.to().isEmpty() ? null : t.to());
        json.put("outcome", t.state());
        json.put("reason", t.reason().isEmpty() ? null : t.reason());
        json.put("signer", t.signer().isEmpty() ? null : t.signer());
        json.put("startedAt", t.startedAt());
        json.put("finishedAt", t.finishedAt().isEmpty() ? null : t.finishedAt());
        json.put("identity", t.identity());
        return json;
    }
}
