package org.lampyris.ngsild;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Configurations as DS builds them: the given values, and the declared defaults for the rest. */
final class TestConfig {
    private TestConfig() {
    }

    static NgsiLdConfig of(Map<String, Object> values) {
        return (NgsiLdConfig) Proxy.newProxyInstance(NgsiLdConfig.class.getClassLoader(),
                new Class<?>[] { NgsiLdConfig.class },
                (p, m, a) -> values.containsKey(m.getName()) ? values.get(m.getName()) : m.getDefaultValue());
    }
}
