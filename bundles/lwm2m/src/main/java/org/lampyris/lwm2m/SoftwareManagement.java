package org.lampyris.lwm2m;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.leshan.client.LwM2mClient;
import org.eclipse.leshan.client.resource.LwM2mInstanceEnabler;
import org.eclipse.leshan.client.resource.ObjectEnabler;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.request.ContentFormat;
import org.lampyris.internal.journal.TransactionState;
import org.lampyris.internal.journal.UploadProblem;
import org.lampyris.internal.json.Json;
import org.lampyris.internal.json.JsonException;
import org.lampyris.api.management.ManagementRequest;
import org.lampyris.api.management.ManagementResource;
import org.lampyris.api.management.ManagementResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Software Management (object 9) over the post's bundle transactions: every request is a request to
 * {@code /mgmt/bundles}, made through the same {@link ManagementResource} the CoAP endpoint calls, so that a package
 * written by an LwM2M server is staged, verified (signature, version), applied, watched through its health window
 * and committed or reverted exactly as one uploaded with {@code lampctl}.
 * <p>
 * One instance per plugin bundle (instance id = bundle id; platform bundles the post protects have none), and
 * instance {@value #NEW_PACKAGE} for a package that installs a new plugin. Writing a package verifies it (Update State
 * 2 then 3, or back with result 53 for a bad signature, 54 for something that is no bundle, 57 for a bundle that does
 * not fit); executing Install applies it (state 4 and result 2, or result 58 with the reason and the old bundle kept).
 * The work runs on the client's worker thread; observers of state and result hear each step. The instances follow
 * the bundles through bundle events ({@link #refreshSoon}), whoever installed, updated or removed them.
 */
final class SoftwareManagement implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SoftwareManagement.class);
    static final int OBJECT = 9;
    /** The instance a package for a new plugin is written to. Bundle 0 is the framework, never a plugin. */
    static final int NEW_PACKAGE = 0;

    private final ObjectModel model;
    private final ObjectEnabler enabler;
    private final ManagementResource bundles;
    private final ExecutorService worker;
    private final String identity;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private volatile LwM2mClient client;

    SoftwareManagement(ObjectModel model, ManagementResource bundles, ExecutorService worker, String identity) {
        this.model = model;
        this.bundles = bundles;
        this.worker = worker;
        this.identity = identity;
        SoftwarePackage slot = new SoftwarePackage(NEW_PACKAGE, this, "", "", false);
        slot.setModel(model);
        // A map of our own: the enabler puts into the one it is given.
        this.enabler = new ObjectEnabler(OBJECT, model, new HashMap<>(Map.of(NEW_PACKAGE, slot)), null,
                ContentFormat.DEFAULT);
    }

    ObjectEnabler enabler() {
        return enabler;
    }

    /**
     * Starts keeping one instance per plugin bundle.
     *
     * @return done when the instances of the bundles installed now are in place
     */
    java.util.concurrent.Future<?> start(LwM2mClient lwm2mClient) {
        this.client = lwm2mClient;
        return worker.submit(this::refresh);
    }

    /** Brings the instances in line with the bundles, on the worker thread; calls close together run once. */
    void refreshSoon() {
        if (refreshQueued.compareAndSet(false, true)) {
            worker.execute(() -> {
                refreshQueued.set(false);
                refresh();
            });
        }
    }

    private void refresh() {
        List<?> list;
        try {
            ManagementResponse answer = bundles.handle(request("GET", List.of(), Map.of(), new byte[0]));
            list = (List<?>) Json.parse(answer.body());
        } catch (Exception e) {
            LOG.warn("LwM2M object 9 could not list the bundles: {}", e.toString());
            return;
        }
        Map<Integer, Map<?, ?>> plugins = new HashMap<>();
        for (Object o : list) {
            Map<?, ?> b = (Map<?, ?>) o;
            long id = ((Number) b.get("id")).longValue();
            if (!Boolean.TRUE.equals(b.get("protected")) && b.get("symbolicName") != null && id > 0 && id < 65535) {
                plugins.put((int) id, b);
            }
        }
        for (Integer id : enabler.getAvailableInstanceIds()) {
            LwM2mInstanceEnabler instance = enabler.getInstance(id);
            if (id != NEW_PACKAGE && !plugins.containsKey(id) && instance instanceof SoftwarePackage p && !p.busy()) {
                enabler.removeInstance(id);
            }
        }
        for (Map.Entry<Integer, Map<?, ?>> e : plugins.entrySet()) {
            Map<?, ?> b = e.getValue();
            String version = (String) b.get("version");
            boolean active = "ACTIVE".equals(b.get("state"));
            if (enabler.getInstance(e.getKey()) instanceof SoftwarePackage p) {
                p.installed(version, active);
            } else {
                SoftwarePackage p = new SoftwarePackage(e.getKey(), this, (String) b.get("symbolicName"), version,
                        active);
                p.setModel(model);
                if (client != null) {
                    p.setLwM2mClient(client);
                }
                enabler.addInstance(e.getKey(), p);
            }
        }
    }

    /** Verifies a written package as an install (new-package instance) or an update of the instance's bundle. */
    void verify(SoftwarePackage instance, byte[] pkg) {
        worker.execute(() -> {
            String bsn = instance.bundleName();
            ManagementResponse answer;
            try {
                answer = upload(bsn, Map.of("verify", ""), pkg);
            } catch (Exception e) {
                instance.reportFailed(SoftwarePackage.RESULT_DEVICE_ERROR, "the post could not verify it: " + e);
                return;
            }
            Map<?, ?> json = json(answer);
            if (answer.code() / 100 == 2) {
                instance.verified((String) json.get("symbolicName"), (String) json.get("version"), pkg);
                instance.report(SoftwarePackage.DELIVERED, SoftwarePackage.RESULT_VERIFIED, "signed by CN="
                        + json.get("signer") + "; execute Install (/9/" + instance.getId() + "/4) to apply it");
                return;
            }
            String reason = String.valueOf(json.get("reason"));
            int result = UploadProblem.of(json.get("problem")).map(problem -> switch (problem) {
            case INTEGRITY -> SoftwarePackage.RESULT_INTEGRITY_FAILURE;
            case PACKAGE -> SoftwarePackage.RESULT_UNSUPPORTED_PACKAGE;
            case PLATFORM, CONFLICT -> SoftwarePackage.RESULT_DEVICE_ERROR;
            }).orElse(SoftwarePackage.RESULT_DEVICE_ERROR);
            LOG.info("LwM2M package for /9/{} refused: {}", instance.getId(), reason);
            instance.reportFailed(result, reason);
        });
    }

    /** Applies a verified package: the whole transaction, health window included. */
    void install(SoftwarePackage instance, byte[] pkg) {
        worker.execute(() -> {
            String bsn = instance.bundleName();
            ManagementResponse answer;
            try {
                answer = upload(bsn, Map.of(), pkg);
            } catch (Exception e) {
                instance.reportFailed(SoftwarePackage.RESULT_INSTALLATION_FAILURE, "the install failed: " + e);
                return;
            }
            Map<?, ?> json = json(answer);
            if (committed(answer)) {
                instance.reportInstalled(String.valueOf(json.get("symbolicName")), String.valueOf(json.get("to")),
                        "installed and healthy: transaction " + json.get("id"));
            } else {
                instance.reportFailed(SoftwarePackage.RESULT_INSTALLATION_FAILURE, reason(answer));
            }
        });
    }

    /** Uninstalls the instance's bundle: its points go, and the fail-safe takes the lamp if it was the lighting. */
    void uninstall(SoftwarePackage instance) {
        worker.execute(() -> {
            String bsn = instance.bundleName();
            try {
                ManagementResponse answer = bundles.handle(request("DELETE", List.of(bsn), Map.of(), new byte[0]));
                if (!committed(answer)) {
                    instance.report(SoftwarePackage.INSTALLED, SoftwarePackage.RESULT_UNINSTALLATION_FAILURE,
                            reason(answer));
                }
            } catch (Exception e) {
                instance.report(SoftwarePackage.INSTALLED, SoftwarePackage.RESULT_UNINSTALLATION_FAILURE,
                        "the uninstall failed: " + e);
            }
        });
    }

    /** Starts or stops the instance's bundle. */
    void activate(SoftwarePackage instance, boolean start) {
        worker.execute(() -> {
            String bsn = instance.bundleName();
            try {
                ManagementResponse answer = bundles.handle(request("POST", List.of(bsn), Map.of(),
                        (start ? "start" : "stop").getBytes(StandardCharsets.UTF_8)));
                if (answer.code() / 100 != 2) {
                    LOG.info("LwM2M {} of {} refused: {}", start ? "activation" : "deactivation", bsn, text(answer));
                    instance.report(SoftwarePackage.INSTALLED, SoftwarePackage.RESULT_DEVICE_ERROR, text(answer));
                }
            } catch (Exception e) {
                LOG.warn("LwM2M {} of {} failed: {}", start ? "activation" : "deactivation", bsn, e.toString());
            }
        });
    }

    /** POSTs a package that installs a new bundle, or PUTs one that updates the bundle {@code bsn}. */
    private ManagementResponse upload(String bsn, Map<String, String> query, byte[] pkg) throws Exception {
        return bsn.isEmpty() ? bundles.handle(request("POST", List.of(), query, pkg))
                : bundles.handle(request("PUT", List.of(bsn), query, pkg));
    }

    private ManagementRequest request(String method, List<String> path, Map<String, String> query, byte[] body) {
        return new ManagementRequest(method, path, query, body, -1, identity);
    }

    private static Map<?, ?> json(ManagementResponse answer) {
        if (answer.contentFormat() == ManagementResponse.JSON) {
            try {
                if (Json.parse(answer.body()) instanceof Map<?, ?> m) {
                    return m;
                }
            } catch (JsonException e) {
                // answered as text below
            }
        }
        return Map.of("reason", text(answer));
    }

    /**
     * @return whether the answer is that of a committed bundle transaction; a reverted one answers its record with
     *         another outcome, a refused one answers its reason in text
     */
    private static boolean committed(ManagementResponse answer) {
        Object outcome = json(answer).get("outcome");
        return TransactionState.COMMITTED.text().equals(outcome);
    }

    /** @return the reason of a refusal: the {@code reason} of a JSON answer, else the answer's text */
    private static String reason(ManagementResponse answer) {
        Map<?, ?> json = json(answer);
        return String.valueOf(json.containsKey("reason") ? json.get("reason") : text(answer));
    }

    private static String text(ManagementResponse answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        client = null;
    }
}
