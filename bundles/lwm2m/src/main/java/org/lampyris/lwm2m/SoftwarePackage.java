package org.lampyris.lwm2m;

import org.eclipse.leshan.client.resource.BaseInstanceEnabler;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.request.argument.Arguments;
import org.eclipse.leshan.core.response.ExecuteResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.core.response.WriteResponse;

/**
 * One instance of Software Management (object 9): a plugin bundle of the post, or, as instance
 * {@link SoftwareManagement#NEW_PACKAGE}, the place where a server writes a package that installs a new one. The work
 * (verify, install, uninstall, start, stop) is the post's bundle transactions; this class keeps the state object 9
 * reports and hands the work to {@link SoftwareManagement}.
 */
final class SoftwarePackage extends BaseInstanceEnabler {
    // Resources of object 9 (OMA-TS-LightweightM2M, Software Management 1.0)
    static final int PKG_NAME = 0;
    static final int PKG_VERSION = 1;
    static final int PACKAGE = 2;
    static final int PACKAGE_URI = 3;
    static final int INSTALL = 4;
    static final int UNINSTALL = 6;
    static final int UPDATE_STATE = 7;
    static final int UPDATE_SUPPORTED_OBJECTS = 8;
    static final int UPDATE_RESULT = 9;
    static final int ACTIVATE = 10;
    static final int DEACTIVATE = 11;
    static final int ACTIVATION_STATE = 12;
    static final int STATUS_REASON = 16;

    // Update State
    static final int INITIAL = 0;
    static final int DOWNLOAD_STARTED = 1;
    static final int DOWNLOADED = 2;
    static final int DELIVERED = 3;
    static final int INSTALLED = 4;

    // Update Result
    static final int RESULT_INITIAL = 0;
    static final int RESULT_DOWNLOADING = 1;
    static final int RESULT_INSTALLED = 2;
    static final int RESULT_VERIFIED = 3;
    static final int RESULT_INTEGRITY_FAILURE = 53;
    static final int RESULT_UNSUPPORTED_PACKAGE = 54;
    static final int RESULT_DEVICE_ERROR = 57;
    static final int RESULT_INSTALLATION_FAILURE = 58;
    static final int RESULT_UNINSTALLATION_FAILURE = 59;

    private final SoftwareManagement management;
    // Guarded by this
    private String name;
    private String version;
    private boolean active;
    private int state;
    private int result = RESULT_INITIAL;
    private String reason = "";
    private boolean updateSupportedObjects;
    private byte[] pkg;
    private boolean busy;

    /**
     * @param name the bundle's symbolic name, empty for the new-package instance
     * @param version the bundle's version, empty for the new-package instance
     */
    SoftwarePackage(int id, SoftwareManagement management, String name, String version, boolean active) {
        super(id);
        this.management = management;
        this.name = name;
        this.version = version;
        this.active = active;
        this.state = name.isEmpty() ? INITIAL : INSTALLED;
    }

    /** @return the symbolic name of the bundle this instance is, empty for the new-package instance */
    synchronized String bundleName() {
        return id == SoftwareManagement.NEW_PACKAGE ? "" : name;
    }

    synchronized boolean busy() {
        return busy;
    }

    /** The bundle as it is installed now. */
    void installed(String newVersion, boolean nowActive) {
        boolean changed;
        synchronized (this) {
            changed = !newVersion.equals(version) || nowActive != active;
            version = newVersion;
            active = nowActive;
        }
        if (changed) {
            fireResourcesChange(getResourcePaths(PKG_VERSION, ACTIVATION_STATE));
        }
    }

    /** Sets what object 9 reports, and tells observers. */
    void report(int newState, int newResult, String newReason) {
        synchronized (this) {
            state = newState;
            result = newResult;
            reason = newReason;
        }
        fireResourcesChange(getResourcePaths(UPDATE_STATE, UPDATE_RESULT, STATUS_REASON));
    }

    /** The package was installed: the new-package instance shows what it installed until the next package. */
    void reportInstalled(String bsn, String bundleVersion, String newReason) {
        synchronized (this) {
            name = bsn;
            version = bundleVersion;
            active = true;
            pkg = null;
            busy = false;
        }
        report(INSTALLED, RESULT_INSTALLED, newReason);
        fireResourcesChange(getResourcePaths(PKG_NAME, PKG_VERSION, ACTIVATION_STATE));
    }

    /** The work on the package ended without installing it: back to where it was before, with the reason. */
    void reportFailed(int failure, String why) {
        int back;
        synchronized (this) {
            busy = false;
            pkg = null;
            back = id == SoftwareManagement.NEW_PACKAGE ? INITIAL : INSTALLED;
        }
        report(back, failure, why);
    }

    /** The package was verified: it waits for Install. */
    synchronized void verified(String bsn, String bundleVersion, byte[] verifiedPackage) {
        busy = false;
        pkg = verifiedPackage;
        if (id == SoftwareManagement.NEW_PACKAGE) {
            name = bsn;
            version = bundleVersion;
        }
    }

    @Override
    public synchronized ReadResponse read(LwM2mServer server, int resourceId) {
        return switch (resourceId) {
        case PKG_NAME -> ReadResponse.success(resourceId, name);
        case PKG_VERSION -> ReadResponse.success(resourceId, version);
        case UPDATE_STATE -> ReadResponse.success(resourceId, (long) state);
        case UPDATE_SUPPORTED_OBJECTS -> ReadResponse.success(resourceId, updateSupportedObjects);
        case UPDATE_RESULT -> ReadResponse.success(resourceId, (long) result);
        case ACTIVATION_STATE -> ReadResponse.success(resourceId, active);
        case STATUS_REASON -> ReadResponse.success(resourceId, reason);
        default -> ReadResponse.notFound();
        };
    }

    @Override
    public WriteResponse write(LwM2mServer server, boolean replace, int resourceId, LwM2mResource value) {
        switch (resourceId) {
        case PACKAGE:
            byte[] bytes = (byte[]) value.getValue();
            synchronized (this) {
                if (busy) {
                    return WriteResponse.badRequest("the previous package of this instance is still being "
                            + "verified or installed");
                }
                busy = true;
                pkg = null;
                if (id == SoftwareManagement.NEW_PACKAGE) {
                    name = ""; // what the last package installed is not what this one is
                    version = "";
                }
            }
            report(DOWNLOADED, RESULT_DOWNLOADING, "");
            management.verify(this, bytes);
            return WriteResponse.success();
        case PACKAGE_URI:
            return WriteResponse.badRequest("this post does not download packages: write the package itself to /9/"
                    + id + "/" + PACKAGE);
        case UPDATE_SUPPORTED_OBJECTS:
            synchronized (this) {
                updateSupportedObjects = (Boolean) value.getValue();
            }
            fireResourceChange(UPDATE_SUPPORTED_OBJECTS);
            return WriteResponse.success();
        default:
            return WriteResponse.notFound();
        }
    }

    @Override
    public ExecuteResponse execute(LwM2mServer server, int resourceId, Arguments arguments) {
        switch (resourceId) {
        case INSTALL:
            byte[] verifiedPackage;
            synchronized (this) {
                if (state != DELIVERED || pkg == null) {
                    return ExecuteResponse.badRequest("no verified package to install: write one to /9/" + id + "/"
                            + PACKAGE + " and wait for Update State 3 (delivered)");
                }
                verifiedPackage = pkg;
                busy = true;
            }
            management.install(this, verifiedPackage);
            return ExecuteResponse.success();
        case UNINSTALL:
            synchronized (this) {
                if (id == SoftwareManagement.NEW_PACKAGE) {
                    if (state == DELIVERED) {
                        pkg = null;
                        state = INITIAL;
                        result = RESULT_INITIAL;
                        reason = "the package was discarded";
                    }
                    return ExecuteResponse.success();
                }
                if (busy) {
                    return ExecuteResponse.badRequest("a package of " + name + " is being verified or installed");
                }
            }
            management.uninstall(this);
            return ExecuteResponse.success();
        case ACTIVATE:
        case DEACTIVATE:
            if (bundleName().isEmpty()) {
                return ExecuteResponse.badRequest("no bundle is installed through this instance");
            }
            management.activate(this, resourceId == ACTIVATE);
            return ExecuteResponse.success();
        default:
            return ExecuteResponse.notFound();
        }
    }
}
