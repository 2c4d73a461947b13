package org.lampyris.evcharging;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Configuration Admin holding one configuration per PID in memory, as far as the charger uses it. */
final class FakeConfigurationAdmin {
    final Map<String, Hashtable<String, Object>> stored = new java.util.concurrent.ConcurrentHashMap<>();

    ConfigurationAdmin admin() {
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { ConfigurationAdmin.class }, (p, m, a) -> {
                    if (m.getName().equals("getConfiguration")) {
                        return configuration((String) a[0]);
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    @SuppressWarnings("unchecked")
    private Configuration configuration(String pid) {
        return (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { Configuration.class }, (p, m, a) -> {
                    switch (m.getName()) {
                        case "getPid":
                            return pid;
                        case "getProperties":
                            Hashtable<String, Object> props = stored.get(pid);
                            return props == null ? null : new Hashtable<>(props);
                        case "update":
                            if (a != null && a.length == 1) {
                                Dictionary<String, Object> d = (Dictionary<String, Object>) a[0];
                                Hashtable<String, Object> copy = new Hashtable<>();
                                for (var keys = d.keys(); keys.hasMoreElements();) {
                                    String k = keys.nextElement();
                                    copy.put(k, d.get(k));
                                }
                                stored.put(pid, copy);
                                return null;
                            }
                            throw new UnsupportedOperationException("update()");
                        default:
                            throw new UnsupportedOperationException(m.getName());
                    }
                });
    }
}
