package org.lampyris.ocpp;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Configurations as DS builds them: the given values, and the declared defaults for the rest. */
final class TestConfig {
    private TestConfig() {
    }

    static OcppConfig of(Map<String, Object> values) {
        return (OcppConfig) Proxy.newProxyInstance(OcppConfig.class.getClassLoader(),
                new Class<?>[] { OcppConfig.class },
                (p, m, a) -> values.containsKey(m.getName()) ? values.get(m.getName()) : m.getDefaultValue());
    }
}
