package org.lampyris.management.bundles;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.lampyris.internal.journal.BundleCache;
import org.lampyris.internal.journal.FrameworkSteps;
import org.lampyris.internal.journal.Journal;
import org.lampyris.internal.journal.Release;
import org.lampyris.internal.journal.Transaction;
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
    private final BundleCache cache;
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
        SignedBundleCheck check = CodeSigningTrust.of(context, config).check();
        String home = context.getProperty("lampyris.home");
        Journal journal = Journal.create(mgmt);
        this.cache = BundleCache.of(context);
        HealthWindow health = new HealthWindow(context, scr, reads, config.health_timeout_ms(),
                config.health_window_ms(), config.point_read_timeout_ms());
        this.transactions = new BundleTransactions(context, journal, check, health,
                new PreviousJars(journal, home == null ? null : Path.of(home, "bundles")), cache);
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
                    : answer(() -> transactions.upload(null, request.body(), false, request.identity()));
            default -> ManagementResponse.text(405, method + " is not allowed on /mgmt/bundles (GET, POST)");
            };
        }
        if (path.size() > 1) {
            return ManagementResponse.text(404, "no such resource");
        }
        String bsn = path.get(0);
        Bundle bundle = FrameworkSteps.find(context, bsn);
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
            return answer(() -> transactions.upload(bsn, request.body(), request.query().containsKey("rollback"),
                    request.identity()));
        case "DELETE":
            if (bundle == null) {
                return ManagementResponse.text(404, "no bundle " + bsn + " is installed");
            }
            if (protectedBundles.covers(bundle)) {
                return ManagementResponse.text(409, bsn + " is protected: the post needs it to stay manageable and "
                        + "lit, so it cannot be uninstalled");
            }
            return answer(() -> transactions.uninstall(bundle, request.identity()));
        case "POST":
            return act(bsn, bundle, request.text().trim(), request.identity());
        default:
            return ManagementResponse.text(405, method + " is not allowed on /mgmt/bundles/" + bsn);
        }
    }

    private ManagementResponse act(String bsn, Bundle bundle, String action, String identity) throws Exception {
        if (action.equals("rollback")) {
            return answer(() -> transactions.rollback(bsn, identity));
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
        // The framework recorded the new persistent state in its cache without forcing it: force it before the 2.04.
        cache.force(bundle);
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
            json.put("problem", r.problem().text());
            json.put("reason", r.getMessage());
            return ManagementResponse.json(code(r.cause()), Json.write(json));
        }
    }

    /** A transaction that runs, or is refused before it runs. */
    private interface TransactionRequest {
        Outcome run() throws Refusal, IOException, InterruptedException;
    }

    /** Answers a transaction: its record in JSON once it ran, the reason in plain text when it was refused. */
    private static ManagementResponse answer(TransactionRequest request) throws IOException, InterruptedException {
        Outcome outcome;
        try {
            outcome = request.run();
        } catch (Refusal r) {
            return ManagementResponse.text(code(r.cause()), r.getMessage());
        }
        return ManagementResponse.json(code(outcome.ending()), Json.write(describe(outcome.transaction())));
    }

    static int code(Outcome.Ending ending) {
        return switch (ending) {
        case INSTALLED -> 201;
        case REPLACED -> 204;
        case UNINSTALLED -> 202;
        case REVERTED -> 422;
        case STILL_INSTALLED -> 409;
        };
    }

    /** @return the client's mistake (4.xx) or the post's own problem (5.00) */
    static int code(Refusal.Cause cause) {
        return switch (cause) {
        case NOT_A_BUNDLE, UNTRUSTED, ANOTHER_BUNDLE -> 400;
        case NOT_INSTALLED -> 404;
        case CONFLICT -> 409;
        case CANNOT_CHECK -> 500;
        };
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
        String version = b.getVersion().toString();
        return transactions.last(b.getSymbolicName())
                .filter(t -> t.committedRelease().map(Release::version).filter(version::equals).isPresent())
                .flatMap(Transaction::signer).orElse(null);
    }

    static Map<String, Object> describe(Transaction t) {
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("id", t.id());
        json.put("action", t.action().text());
        json.put("symbolicName", t.bsn());
        json.put("from", t.from().map(Release::version).orElse(null));
        json.put("to", t.to().map(Release::version).orElse(null));
        json.put("outcome", t.state().text());
        json.put("reason", t.reason().orElse(null));
        json.put("signer", t.signer().orElse(null));
        json.put("startedAt", t.startedAt().map(Instant::toString).orElse(null));
        json.put("finishedAt", t.finishedAt().map(Instant::toString).orElse(null));
        json.put("identity", t.identity());
        return json;
    }
}
