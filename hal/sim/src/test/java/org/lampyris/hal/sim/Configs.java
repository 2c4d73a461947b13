package org.lampyris.hal.sim;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds a component configuration the way Declarative Services does: given values, else the declared defaults. */
final class Configs {
    private Configs() {
    }

    static <A> A of(Class<A> type, Map<String, Object> values) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (p, method, args) -> {
            if (values.containsKey(method.getName())) {
                return values.get(method.getName());
            }
            Object fallback = method.getDefaultValue();
            if (fallback == null) {
                throw new IllegalStateException("no value and no default for " + method.getName());
            }
            return fallback;
        });
        return type.cast(proxy);
    }
}
