package org.lampyris.hal.sim;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Builds a component configuration the way Declarative Services does: the given values (keyed by method name, e.g.
 * {@code rated_power}), else the defaults the annotation declares.
 */
final class Configs {
    private Configs() {
    }

    static <A> A of(Class<A> type, Map<String, Object> values) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (p, method, args) -> {
            if (values.containsKey(method.getName())) {
                return values.get(method.getName());
            }
            if (method.getName().equals("toString")) {
                return type.getSimpleName() + values;
            }
            Object fallback = method.getDefaultValue();
            if (fallback == null) {
                throw new IllegalStateException("no value and no default for " + method.getName());
            }
            return fallback;
        });
        return type.cast(proxy);
    }

    static <A> A defaults(Class<A> type) {
        return of(type, Map.of());
    }
}
