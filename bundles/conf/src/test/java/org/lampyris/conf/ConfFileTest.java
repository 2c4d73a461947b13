package org.lampyris.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfFileTest {
    @TempDir
    Path dir;

    private final Map<String, String> framework = Map.of("lampyris.coap.port", "5799");

    private ConfFile read(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return ConfFile.read(file, framework::get);
    }

    @Test
    void aCommandLineOptionReachesTheConfigurationThroughAVariable() throws Exception {
        ConfFile conf = read("org.lampyris.coap.cfg", "port = ${lampyris.coap.port}\npost.id = ${lampyris.post.id:-post-1}\n");
        assertThat(conf.pid()).isEqualTo("org.lampyris.coap");
        assertThat(conf.name()).isNull();
        assertThat(conf.properties()).containsEntry("port", "5799").containsEntry("post.id", "post-1");
    }

    @Test
    void anUnsetVariableWithoutDefaultIsAnErrorNamingTheFileAndKey() {
        assertThatThrownBy(() -> read("x.cfg", "a = ${nope}\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x.cfg").hasMessageContaining("a").hasMessageContaining("${nope}");
    }

    @Test
    void aTildeNamesAFactoryConfiguration() throws Exception {
        ConfFile conf = read("org.lampyris.identity~alice.cfg", "role = engineer\n");
        assertThat(conf.pid()).isEqualTo("org.lampyris.identity");
        assertThat(conf.name()).isEqualTo("alice");
        assertThat(conf.key()).isEqualTo("org.lampyris.identity~alice");
    }

    @Test
    void bracketsMakeAStringArray() throws Exception {
        ConfFile conf = read("s.cfg", "missing = [PM1, NO2]\nnone = []\n");
        assertThat((String[]) conf.properties().get("missing")).containsExactly("PM1", "NO2");
        assertThat((String[]) conf.properties().get("none")).isEmpty();
    }

    @Test
    void theDigestChangesWithAValueAndNotWithLayout() throws Exception {
        String a = read("p.cfg", "x = 1\ny = 2\n").digest();
        String b = read("p.cfg", "# comment\ny=2\nx=1\n").digest();
        String c = read("p.cfg", "x = 1\ny = 3\n").digest();
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }
}
