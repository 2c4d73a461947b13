package org.lampyris.lwm2m;

import java.lang.management.ManagementFactory;
import java.util.Date;
import java.util.Map;

import org.eclipse.leshan.client.resource.BaseInstanceEnabler;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.model.ResourceModel.Type;
import org.eclipse.leshan.core.request.argument.Arguments;
import org.eclipse.leshan.core.response.ExecuteResponse;
import org.eclipse.leshan.core.response.ReadResponse;

/**
 * Device (object 3): who made the post and what it runs, its memory, and Reboot, which restarts the platform (the
 * launcher starts the framework again in the same process, as after a power cut, with the journal replayed).
 */
final class DeviceInstance extends BaseInstanceEnabler {
    private final String postId;
    private final String platformVersion;
    private final Runnable reboot;

    DeviceInstance(String postId, String platformVersion, Runnable reboot) {
        super(0);
        this.postId = postId;
        this.platformVersion = platformVersion;
        this.reboot = reboot;
    }

    @Override
    public ReadResponse read(LwM2mServer server, int resourceId) {
        Runtime rt = Runtime.getRuntime();
        return switch (resourceId) {
        case 0 -> ReadResponse.success(resourceId, "Lampyris");
        case 1 -> ReadResponse.success(resourceId, "Lampyris lamp-post controller");
        case 2 -> ReadResponse.success(resourceId, postId);
        case 3 -> ReadResponse.success(resourceId, platformVersion);
        // Memory in KiB, as object 3 counts it: what the Java heap may still grow into, and its limit
        case 10 -> ReadResponse.success(resourceId, (rt.maxMemory() - rt.totalMemory() + rt.freeMemory()) / 1024);
        case 11 -> ReadResponse.success(resourceId, Map.of(0, 0L), Type.INTEGER); // 0: no error
        case 13 -> ReadResponse.success(resourceId, new Date());
        case 16 -> ReadResponse.success(resourceId, "U");
        case 17 -> ReadResponse.success(resourceId, "street light controller");
        // Software version: the Java platform, and how long this platform has been up (object 3 has no uptime)
        case 19 -> ReadResponse.success(resourceId, "Java " + System.getProperty("java.version") + "; up "
                + ManagementFactory.getRuntimeMXBean().getUptime() / 1000 + " s");
        case 21 -> ReadResponse.success(resourceId, rt.maxMemory() / 1024);
        default -> ReadResponse.notFound();
        };
    }

    @Override
    public ExecuteResponse execute(LwM2mServer server, int resourceId, Arguments arguments) {
        if (resourceId == 4) {
            reboot.run();
            return ExecuteResponse.success();
        }
        return ExecuteResponse.notFound();
    }

    @Override
    public java.util.List<Integer> getAvailableResourceIds(org.eclipse.leshan.core.model.ObjectModel model) {
        return java.util.List.of(0, 1, 2, 3, 4, 10, 11, 13, 16, 17, 19, 21);
    }
}
