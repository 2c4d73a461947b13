package org.lampyris.conf;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.lampyris.internal.durable.DurableFile;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@code *.cfg} files of the distribution's {@code conf/} folder (framework property
 * {@value #CONF_DIR}) to Configuration Admin at boot.
 * <p>
 * A file is applied only when it differs from what was applied from it last time, so that a setting an engineer
 * changed remotely survives a restart unless the file itself was edited. A file that cannot be read or refers to an
 * unset variable is reported and skipped; the others still apply.
 */
@Component(service = {}, immediate = true)
public class ConfFolder {
    /** Framework property naming the folder of configuration files. */
    public static final String CONF_DIR = "lampyris.conf.dir";
    private static final Logger LOG = LoggerFactory.getLogger(ConfFolder.class);
    private static final String APPLIED = "applied-digests.properties";
    private static final String DATA_DIR = "lampyris.data.dir";
    /** The record's name in the data directory, where it sits beside the bundle cache and the configurations. */
    private static final String RECORD = "conf-applied.properties";

    @Reference
    private ConfigurationAdmin configurationAdmin;

    @Activate
    void activate(BundleContext context) {
        String dir = context.getProperty(CONF_DIR);
        if (dir == null || dir.isBlank()) {
            LOG.info("No {} set: using the configuration already stored", CONF_DIR);
            return;
        }
        Path folder = Paths.get(dir);
        if (!Files.isDirectory(folder)) {
            LOG.warn("Configuration folder {} does not exist: using the configuration already stored", folder);
            return;
        }
        Path memory = memory(context);
        Properties applied = load(memory);
        int changed = 0;
        for (Path file : files(folder)) {
            try {
                ConfFile conf = ConfFile.read(file, context::getProperty);
                String digest = conf.digest();
                if (digest.equals(applied.getProperty(conf.key()))) {
                    continue;
                }
                configuration(conf).updateIfDifferent(conf.dictionary());
                applied.setProperty(conf.key(), digest);
                changed++;
                LOG.info("Applied {} to configuration {}", file.getFileName(), conf.key());
            } catch (IOException | RuntimeException e) {
                LOG.error("Configuration file {} is not applied: {}", file, e.getMessage());
            }
        }
        if (changed > 0) {
            store(memory, applied);
        }
    }

    /**
     * The record of what was applied lives in the data directory, beside the configurations, rather than in this
     * bundle's data area, which the framework drops with the bundle's archive should a power cut tear the archive's
     * state file; without the record every file would be applied again, over what engineers changed since. A record
     * left in the data area by an earlier release is copied to the data directory the first time.
     *
     * @return where the record is kept, {@code null} when there is nowhere to keep it
     */
    private static Path memory(BundleContext context) {
        String dataDir = context.getProperty(DATA_DIR);
        File old = context.getDataFile(APPLIED);
        if (dataDir == null) {
            return old == null ? null : old.toPath();
        }
        Path memory = Path.of(dataDir, RECORD);
        if (!Files.exists(memory) && old != null && old.isFile()) {
            try {
                DurableFile.write(memory, Files.readAllBytes(old.toPath()));
            } catch (IOException e) {
                LOG.warn("Cannot move {} to {}: {}", old, memory, e.getMessage());
            }
        }
        return memory;
    }

    private Configuration configuration(ConfFile conf) throws IOException {
        if (conf.name() == null) {
            return configurationAdmin.getConfiguration(conf.pid(), "?");
        }
        return configurationAdmin.getFactoryConfiguration(conf.pid(), conf.name(), "?");
    }

    private static List<Path> files(Path folder) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.cfg")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            LOG.error("Cannot list configuration folder {}: {}", folder, e.getMessage());
        }
        files.sort(null);
        return files;
    }

    private static Properties load(Path memory) {
        Properties p = new Properties();
        if (memory != null && Files.isRegularFile(memory)) {
            try (InputStream in = Files.newInputStream(memory)) {
                p.load(in);
            } catch (IOException e) {
                LOG.warn("Cannot read {}: every configuration file will be applied again", memory);
            }
        }
        return p;
    }

    /** Written durably, so that a power cut leaves the old or the new record, never half, and never none. */
    private static void store(Path memory, Properties applied) {
        if (memory == null) {
            return;
        }
        try {
            DurableFile.write(memory, out -> applied.store(out, "digests of the conf/ files last applied"));
        } catch (IOException e) {
            LOG.warn("Cannot record applied configuration in {}: {}", memory, e.getMessage());
        }
    }
}
