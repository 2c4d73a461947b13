package org.lampyris.conf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.List;

import org.apache.felix.cm.PersistenceManager;
import org.apache.felix.cm.file.ConfigurationHandler;
import org.apache.felix.cm.file.FilePersistenceManager;
import org.lampyris.internal.durable.DurableFile;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where Configuration Admin keeps every configuration, so that a change it acknowledged survives a power cut: one
 * file per PID in Felix's own format ({@link ConfigurationHandler}), each store written with {@link DurableFile}
 * (temporary file, fsync, atomic rename over the old file, fsync of the folder: never a moment without the file) and
 * each delete followed by an fsync of the folder. Felix's own file persistence forces nothing and deletes the old file
 * before it renames the new one, so a power cut soon after a 2.04 brought back the old value, or none.
 * <p>
 * Configuration Admin uses this store because the framework property {@code felix.cm.pm} names it ({@value #NAME};
 * the launcher sets it), and does not start before it is registered. The files live in
 * {@code <data dir>/}{@value #FOLDER}, outside the bundle cache, which Felix may drop an archive of after a power cut.
 * The first time, the configurations that Felix's file persistence kept (in Configuration Admin's own bundle data)
 * are copied in, so a post upgraded from a release without this store keeps its configuration.
 */
@Component(service = PersistenceManager.class, configurationPolicy = ConfigurationPolicy.IGNORE,
        property = PersistenceManager.PROPERTY_NAME + "=" + DurableConfigurationStore.NAME)
public class DurableConfigurationStore implements PersistenceManager {
    /** The name Configuration Admin looks this store up by: the value of {@code felix.cm.pm}. */
    public static final String NAME = "lampyris.durable";
    /** The folder in the data directory ({@code lampyris.data.dir}) that holds the configurations. */
    public static final String FOLDER = "config";
    private static final String DATA_DIR = "lampyris.data.dir";
    private static final String EXTENSION = ".config";
    private static final Logger LOG = LoggerFactory.getLogger(DurableConfigurationStore.class);

    private final Path folder;

    /**
     * @param felixFiles Felix's own file persistence, registered by Configuration Admin whichever store it uses: the
     *        configurations it kept are copied in the first time
     */
    @Activate
    public DurableConfigurationStore(BundleContext context,
            @Reference(target = "(" + PersistenceManager.PROPERTY_NAME + "=file)") PersistenceManager felixFiles)
            throws IOException {
        String dataDir = context.getProperty(DATA_DIR);
        this.folder = dataDir != null ? Path.of(dataDir, FOLDER) : context.getDataFile(FOLDER).toPath();
        if (!Files.isDirectory(folder)) {
            int copied = importFrom(felixFiles, folder);
            String from = felixFiles instanceof FilePersistenceManager files ? " from " + files.getLocation() : "";
            LOG.info("Configurations are kept durably in {} ({} copied{})", folder, copied, from);
        }
    }

    /** A store of the configurations in {@code folder}, which must exist. */
    DurableConfigurationStore(Path folder) {
        this.folder = folder;
    }

    /**
     * Creates {@code folder} with the configurations another store keeps, all at once: they are written to a
     * temporary folder first, which is renamed when complete, so that a power cut leaves the folder complete or
     * absent, and absent means "import again".
     *
     * @return how many configurations were copied
     */
    static int importFrom(PersistenceManager previous, Path folder) throws IOException {
        Path incomplete = folder.resolveSibling(folder.getFileName() + ".importing");
        deleteLeftover(incomplete);
        DurableFile.createFolders(incomplete);
        DurableConfigurationStore target = new DurableConfigurationStore(incomplete);
        int copied = 0;
        for (Enumeration<?> all = previous.getDictionaries(); all.hasMoreElements();) {
            Dictionary<?, ?> configuration = (Dictionary<?, ?>) all.nextElement();
            if (configuration.get(Constants.SERVICE_PID) instanceof String pid) {
                target.store(pid, configuration);
                copied++;
            }
        }
        Files.move(incomplete, folder, StandardCopyOption.ATOMIC_MOVE);
        DurableFile.forceFolder(folder.toAbsolutePath().getParent());
        return copied;
    }

    @Override
    public boolean exists(String pid) {
        return Files.isRegularFile(fileOf(pid));
    }

    @SuppressWarnings("rawtypes")
    @Override
    public Dictionary load(String pid) throws IOException {
        return read(fileOf(pid));
    }

    @SuppressWarnings("rawtypes")
    @Override
    public Enumeration getDictionaries() throws IOException {
        List<Dictionary<?, ?>> all = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + EXTENSION)) {
            for (Path file : files) {
                try {
                    Dictionary<?, ?> configuration = read(file);
                    // Only the file of its own PID: not one without a PID, nor one copied under another name.
                    if (configuration.get(Constants.SERVICE_PID) instanceof String pid
                            && fileOf(pid).getFileName().equals(file.getFileName())) {
                        all.add(configuration);
                    } else {
                        LOG.error("Configuration file {} is not the configuration its name says; ignored", file);
                    }
                } catch (IOException e) {
                    LOG.error("Configuration file {} cannot be read and is ignored: {}", file, e.getMessage());
                }
            }
        }
        return Collections.enumeration(all);
    }

    @SuppressWarnings("rawtypes")
    @Override
    public synchronized void store(String pid, Dictionary properties) throws IOException {
        DurableFile.write(fileOf(pid), out -> ConfigurationHandler.write(out, properties));
    }

    @Override
    public synchronized void delete(String pid) throws IOException {
        if (Files.deleteIfExists(fileOf(pid))) {
            DurableFile.forceFolder(folder);
        }
    }

    private static Dictionary<?, ?> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return ConfigurationHandler.read(in);
        }
    }

    /**
     * The file of a PID: its characters that are safe in a file name on any file system as they are, the others as
     * {@code %XX} for each byte of their UTF-8 encoding, so that no two PIDs share a file.
     */
    Path fileOf(String pid) {
        StringBuilder name = new StringBuilder();
        for (byte b : pid.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
                name.append(c);
            } else {
                name.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return folder.resolve(name + EXTENSION);
    }

    /** Deletes what an interrupted import left: a folder of configuration files, as this store writes them. */
    private static void deleteLeftover(Path incomplete) throws IOException {
        if (!Files.isDirectory(incomplete)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(incomplete)) {
            for (Path file : files) {
                Files.delete(file);
            }
        }
        Files.delete(incomplete);
    }
}
