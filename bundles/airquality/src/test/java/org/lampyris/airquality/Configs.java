package org.lampyris.airquality;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Configurations as Declarative Services builds them: the given values, and the declared defaults for the rest. */
final class Configs {

    private Configs() {
    }

    static AirQualityConfig config(Map<String, Object> values) {
        return (AirQualityConfig) Proxy.newProxyInstance(AirQualityConfig.class.getClassLoader(),
                new Class<?>[] { AirQualityConfig.class },
                (p, m, a) -> values.containsKey(m.getName()) ? values.get(m.getName()) : m.getDefaultValue());
    }
}
