package org.lampyris.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.stream.Stream;

import org.apache.felix.cm.file.FilePersistenceManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableConfigurationStoreTest {
    @TempDir
    Path dir;

    private static Hashtable<String, Object> configuration(String pid, Object... keysAndValues) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("service.pid", pid);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Dictionary<String, Object>> all(DurableConfigurationStore store) throws Exception {
        return Collections.list(store.getDictionaries());
    }

    @Test
    void aStoredConfigurationReadsBackWithItsTypesAndLeavesOneFile() throws Exception {
        DurableConfigurationStore store = new DurableConfigurationStore(dir);
        store.store("org.lampyris.dimming", configuration("org.lampyris.dimming", "override.minutes", 60));
        store.store("org.lampyris.dimming", configuration("org.lampyris.dimming", "override.minutes", 45,
                "schedule", new String[] { "18:00=100", "23:00=50" }, "enabled", true, "level", 80.5));

        Dictionary<?, ?> read = store.load("org.lampyris.dimming");
        assertThat(read.get("override.minutes")).isEqualTo(45);
        assertThat((String[]) read.get("schedule")).containsExactly("18:00=100", "23:00=50");
        assertThat(read.get("enabled")).isEqualTo(true);
        assertThat(read.get("level")).isEqualTo(80.5);
        assertThat(store.exists("org.lampyris.dimming")).isTrue();
        assertThat(names(dir)).containsExactly("org.lampyris.dimming.config");
    }

    @Test
    void aDeletedConfigurationIsGoneAndTheOthersStay() throws Exception {
        DurableConfigurationStore store = new DurableConfigurationStore(dir);
        store.store("org.lampyris.failsafe", configuration("org.lampyris.failsafe", "level", 70.0));
        store.store("org.lampyris.dimming", configuration("org.lampyris.dimming", "override.minutes", 30));

        store.delete("org.lampyris.failsafe");
        store.delete("org.lampyris.never.stored");

        assertThat(store.exists("org.lampyris.failsafe")).isFalse();
        assertThat(all(store)).extracting(d -> d.get("service.pid")).containsExactly("org.lampyris.dimming");
    }

    @Test
    void pidsThatDifferOnlyInCharactersUnsafeInFileNamesKeepFilesOfTheirOwn() throws Exception {
        DurableConfigurationStore store = new DurableConfigurationStore(dir);
        List<String> pids = List.of("vendor/lamp", "vendor%2Flamp", "org.lampyris.air~north", "lampe.straße");
        for (String pid : pids) {
            store.store(pid, configuration(pid, "name", pid));
        }

        for (String pid : pids) {
            assertThat(store.load(pid).get("name")).isEqualTo(pid);
        }
        assertThat(names(dir)).hasSize(pids.size()).allMatch(name -> name.matches("[A-Za-z0-9._%-]+\\.config"));
    }

    @Test
    void theConfigurationsFelixsFilePersistenceKeptAreCopiedInOnceAndComplete() throws Exception {
        FilePersistenceManager felix = new FilePersistenceManager(dir.resolve("felix-config").toString());
        felix.store("org.lampyris.dimming", configuration("org.lampyris.dimming", "override.minutes", 60));
        felix.store("org.lampyris.failsafe", configuration("org.lampyris.failsafe", "level", 40.0));
        Path folder = dir.resolve("config");
        Files.createDirectories(dir.resolve("config.importing"));
        Files.writeString(dir.resolve("config.importing/org.lampyris.dimming.config.tmp"), "left by a power cut");

        int copied = DurableConfigurationStore.importFrom(felix, folder);

        DurableConfigurationStore store = new DurableConfigurationStore(folder);
        assertThat(copied).isEqualTo(2);
        assertThat(store.load("org.lampyris.dimming").get("override.minutes")).isEqualTo(60);
        assertThat(store.load("org.lampyris.failsafe").get("level")).isEqualTo(40.0);
        assertThat(names(dir)).containsExactly("config", "felix-config");
    }

    @Test
    void aFileThatIsNotTheConfigurationOfItsNameIsSkippedAndTheOthersStillLoad() throws Exception {
        DurableConfigurationStore store = new DurableConfigurationStore(dir);
        store.store("org.lampyris.dimming", configuration("org.lampyris.dimming", "override.minutes", 30));
        Files.writeString(dir.resolve("empty.config"), "");
        Files.copy(dir.resolve("org.lampyris.dimming.config"), dir.resolve("org.lampyris.copy.config"));

        assertThat(all(store)).extracting(d -> d.get("service.pid")).containsExactly("org.lampyris.dimming");
    }
}
