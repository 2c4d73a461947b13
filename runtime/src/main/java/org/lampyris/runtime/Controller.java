package org.lampyris.runtime;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * One lamp-post controller: an embedded Felix framework with a persistent bundle cache in the data directory, the
 * base bundle set of the distribution, and the configuration of {@code conf/}.
 */
final class Controller {
    private static final long READY_TIMEOUT_MILLIS = 60_000;
    private static final long STOP_TIMEOUT_MILLIS = 20_000;

    private final Path home;
    private final LaunchOptions options;
    private final Log log = new Log();
    /**
     * What the main thread is to do while the framework runs: a Runnable to run (the threads bundle's first worker),
     * or the FrameworkEvent of the framework's stop, which ends its wait.
     */
    private final LinkedBlockingQueue<Object> mainWork = new LinkedBlockingQueue<>();

    Controller(Path home, LaunchOptions options) {
        this.home = home;
        this.options = options;
    }

    /**
     * Starts the controller and blocks until it stops.
     *
     * @return the exit code: 0 after a clean stop
     */
    int run() throws StartupException {
        String bind = options.bind();
        checkPortFree(bind, options.port(), "--port");
        checkPortFree(bind, options.dtlsPort(), "--dtls-port");
        List<BaseBundles.BaseJar> jars = BaseBundles.scan(home.resolve("bundles"));
        Path dataDir = options.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StartupException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        lockDataDir(dataDir);
        SecretFiles.checkOwnerOnly(dataDir);
        SecretFiles.checkServerKey(dataDir);
        LoggingDefaults.apply();
        if (options.development()) {
            log.warn("DEVELOPMENT POST (--dev): it accepts the public development identities, client certificates and"
                    + " code-signing authority of conf/security/, which anyone can read; never put it in a street");
        }
        Framework framework = newFramework(frameworkProperties(dataDir, bind));
        List<Bundle> base = boot(framework, jars, dataDir);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stop(framework)) {
                // Stopped by a signal (SIGTERM, Ctrl-C) and stopped cleanly: say so with exit status 0 rather than
                // the JVM's 128 + signal, which service managers read as a failure.
                Runtime.getRuntime().halt(0);
            }
        }, "lampyris-shutdown"));
        while (true) {
            try {
                framework.start();
            } catch (BundleException e) {
                throw new StartupException("the OSGi framework did not start: " + e.getMessage(), e);
            }
            List<String> uris = awaitReady(framework, bind);
            log.info("Lampyris post " + options.postId() + " listening on " + String.join(" and ", uris) + " ("
                    + base.size() + " base bundles, data in " + dataDir + ", clock x" + options.clockSpeed() + ")");
            FrameworkEvent event;
            try {
                event = hostUntilStopped(framework);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
            if (event.getType() != FrameworkEvent.STOPPED_UPDATE) {
                return event.getType() == FrameworkEvent.ERROR ? 1 : 0;
            }
            // A reboot asked for remotely (LwM2M Device Reboot): start again as after a power cut, in this process.
            log.info("Lamp post " + options.postId() + " restarts its platform, as asked");
            base = boot(framework, jars, dataDir);
        }
    }

    /**
     * Brings the framework to the state of a boot: the bundle cache opened, interrupted remote transactions replayed,
     * the base set in place, and the bundles new to the post started.
     *
     * @return the base bundles
     */
    private List<Bundle> boot(Framework framework, List<BaseBundles.BaseJar> jars, Path dataDir)
            throws StartupException {
        try {
            framework.init();
        } catch (BundleException e) {
            throw new StartupException("cannot open the bundle cache in " + dataDir + ": " + e.getMessage(), e);
        }
        // The main thread only waits for the framework to stop: it offers itself to run the post's first worker
        // (org.lampyris.threads), rather than the post making a thread for it.
        framework.getBundleContext().registerService(Executor.class, command -> {
            if (!mainWork.offer(command)) {
                throw new RejectedExecutionException("the main thread takes no more work");
            }
        }, new Hashtable<>(Map.of("org.lampyris.threads", "main")));
        // When the framework begins to stop (also to restart itself for an update, which makes a new stop to wait for
        // before the main thread would see the first), a short-lived thread waits for the stop and tells main.
        framework.getBundleContext().addBundleListener((SynchronousBundleListener) event -> {
            if (event.getBundle().getBundleId() == 0 && event.getType() == BundleEvent.STOPPING) {
                Thread watch = new Thread(() -> {
                    try {
                        mainWork.add(framework.waitForStop(0));
                    } catch (InterruptedException e) {
                        mainWork.add(new FrameworkEvent(FrameworkEvent.STOPPED, framework, null));
                    }
                }, "lampyris-stop-watch");
                watch.setDaemon(true);
                watch.start();
            }
        });
        StartLevels.assignInitial(framework);
        ChangedArchives archives = ChangedArchives.before(framework.getBundleContext());
        Set<Long> known = new HashSet<>();
        for (Bundle b : framework.getBundleContext().getBundles()) {
            known.add(b.getBundleId());
        }
        // Remote transactions first: an interrupted one goes back to its old bundle, and the base set below never
        // puts back a bundle uninstalled remotely nor an older version over a newer remote update.
        JournalReplay.RemoteDecisions remote = new JournalReplay(framework.getBundleContext(),
                dataDir.resolve("mgmt"), log).replay();
        List<Bundle> base = BaseBundles.sync(framework.getBundleContext(), jars, remote, log);
        StartLevels.assign(framework, base);
        // Bundles installed by this boot are started; the others start as they were left, which the framework keeps
        // in its cache: a plugin an engineer stopped, or one quarantined for failing, stays stopped after a restart.
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if (!known.contains(b.getBundleId()) && b.getHeaders().get("Fragment-Host") == null) {
                try {
                    b.start();
                } catch (BundleException e) {
                    log.warn("Bundle " + b.getSymbolicName() + " did not start: " + e.getMessage());
                }
            }
        }
        try {
            // What this boot installed, updated or marked to start is on the storage before the post runs.
            archives.force(framework.getBundleContext());
        } catch (IOException e) {
            log.warn("The bundle cache in " + dataDir + " could not be forced to the storage; a power cut may make "
                    + "the next boot install bundles again: " + e.getMessage());
        }
        return base;
    }

    /**
     * Runs what the threads bundle hands the main thread (its first worker, which returns when that bundle stops)
     * until the framework has stopped.
     *
     * @return how the framework stopped
     */
    private FrameworkEvent hostUntilStopped(Framework framework) throws InterruptedException {
        while (true) {
            Object next = mainWork.take();
            if (next instanceof FrameworkEvent stopped) {
                return stopped;
            }
            try {
                ((Runnable) next).run();
            } catch (RuntimeException e) {
                log.warn("The work the main thread ran failed: " + e);
            }
            Thread.interrupted(); // an interrupt meant for a task it ran is spent
        }
    }

    private Map<String, String> frameworkProperties(Path dataDir, String bind) {
        Map<String, String> p = new HashMap<>();
        p.put("org.osgi.framework.storage", dataDir.resolve("bundle-cache").toString());
        p.put("org.osgi.framework.storage.clean", "none");
        p.put("felix.cache.locking", "true");
        p.put("felix.log.level", "1");
        // The resolver runs at boot and on an update only; in the caller's thread it costs a controller's one or two
        // cores nothing, while a pool of one thread per core stays alive a minute after each resolve.
        p.put("felix.resolver.parallelism", "1");
        // Scandium imports this package only to recognise a BouncyCastle X25519 key by name (by reflection); the JDK's
        // provider does its cryptography, so the system bundle exports the name instead of an 8 MB bcprov bundle
        // (bnd/lampyris.bndrun says the same to the build's resolver).
        p.put("org.osgi.framework.system.packages.extra",
                "org.bouncycastle.jcajce.provider.asymmetric.edec;version=1.78.1");
        // Configuration Admin keeps configurations through the durable store of the conf bundle, and waits for it:
        // Felix's own file persistence does not fsync (org.lampyris.conf.DurableConfigurationStore).
        p.put("felix.cm.pm", "lampyris.durable");
        p.put("org.osgi.framework.startlevel.beginning", Integer.toString(StartLevels.PLUGINS));
        p.put("lampyris.home", home.toString());
        p.put("lampyris.conf.dir", home.resolve("conf").toString());
        p.put("lampyris.data.dir", dataDir.toString());
        p.put("lampyris.coap.port", Integer.toString(options.port()));
        p.put("lampyris.coap.bind", bind);
        p.put("lampyris.dtls.port", Integer.toString(options.dtlsPort()));
        p.put("lampyris.post.id", options.postId());
        p.put("lampyris.development", Boolean.toString(options.development()));
        if (!options.lwm2mServer().isEmpty()) {
            p.put("lampyris.lwm2m.server", options.lwm2mServer());
        }
        if (!options.lwm2mBootstrap().isEmpty()) {
            p.put("lampyris.lwm2m.bootstrap", options.lwm2mBootstrap());
        }
        if (!options.ocppCsms().isEmpty()) {
            p.put("lampyris.ocpp.csms", options.ocppCsms());
        }
        if (!options.ngsiLdBroker().isEmpty()) {
            p.put("lampyris.ngsild.broker", options.ngsiLdBroker());
        }
        p.put("lampyris.clock.speed", Double.toString(options.clockSpeed()));
        p.put("lampyris.clock.start", options.clockStart());
        return p;
    }

    private static Framework newFramework(Map<String, String> properties) throws StartupException {
        for (FrameworkFactory factory : ServiceLoader.load(FrameworkFactory.class)) {
            return factory.newFramework(properties);
        }
        throw new StartupException("no OSGi framework on the class path (lib/ is incomplete)");
    }

    /**
     * Takes the data directory for this process, before anything in it is read or written: two controllers sharing a
     * bundle cache, a configuration memory and a session log would corrupt all three. The lock is held until the JVM
     * exits, and the operating system releases it even after a kill -9.
     */
    private static void lockDataDir(Path dataDir) throws StartupException {
        Path lockFile = dataDir.resolve("lampyris.lock");
        FileLock lock;
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = channel.tryLock();
            if (lock == null) {
                channel.close();
            }
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            throw new StartupException("cannot lock the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            throw new StartupException("the data directory " + dataDir
                    + " is in use by another Lampyris controller; give each post its own --data-dir");
        }
        DATA_DIR_LOCKS.add(lock);
    }

    /** Held for the life of the process, so that the locks are never garbage-collected and released. */
    private static final List<FileLock> DATA_DIR_LOCKS = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static void checkPortFree(String bind, int port, String option) throws StartupException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(bind, port))) {
            socket.getLocalPort();
        } catch (BindException e) {
            throw new StartupException("UDP port " + port + " (" + option + ") is already in use");
        } catch (SocketException e) {
            throw new StartupException("cannot listen on " + bind + ":" + port + " (" + option + "): "
                    + e.getMessage());
        }
    }

    /**
     * Waits until the CoAP endpoint says it listens (a service with {@value #LISTENING}, registered once its sockets
     * are bound), then, when plain CoAP is on, until it answers a CoAP ping.
     *
     * @return the URIs it listens on
     */
    private List<String> awaitReady(Framework framework, String bind) throws StartupException {
        String host = bind.equals("0.0.0.0") ? "127.0.0.1" : bind.equals("::") ? "::1" : bind;
        InetSocketAddress target = new InetSocketAddress(host, options.port());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MILLIS);
        int messageId = (int) (System.nanoTime() & 0xFFFF);
        while (System.nanoTime() < deadline) {
            if (framework.getState() != Bundle.ACTIVE) {
                throw new StartupException("the framework stopped while starting");
            }
            List<String> uris = listening(framework.getBundleContext());
            if (uris.isEmpty()) {
                sleep(50);
            } else if (uris.stream().noneMatch(u -> u.startsWith("coap://"))
                    || CoapPing.ping(target, 200, messageId++ & 0xFFFF)) {
                return uris;
            }
        }
        stop(framework);
        throw new StartupException("the CoAP endpoint did not start listening on port " + options.port()
                + " or " + options.dtlsPort() + " within " + READY_TIMEOUT_MILLIS / 1000 + " s; see the log above");
    }

    private static final String LISTENING = "lampyris.coap.listening";

    private static List<String> listening(BundleContext context) {
        try {
            ServiceReference<?>[] found = context.getServiceReferences((String) null, "(" + LISTENING + "=*)");
            if (found != null && found[0].getProperty(LISTENING) instanceof String[] uris) {
                return List.of(uris);
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return List.of();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return true if the framework was running and has now stopped within the timeout */
    private boolean stop(Framework framework) {
        if (framework.getState() != Bundle.ACTIVE && framework.getState() != Bundle.STARTING) {
            return false;
        }
        log.info("Stopping lamp post " + options.postId());
        try {
            framework.stop();
            FrameworkEvent event = framework.waitForStop(STOP_TIMEOUT_MILLIS);
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                log.warn("The framework did not stop within " + STOP_TIMEOUT_MILLIS / 1000 + " s");
                return false;
            }
            log.info("Lamp post " + options.postId() + " stopped");
            return true;
        } catch (BundleException e) {
            log.warn("Clean stop failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
