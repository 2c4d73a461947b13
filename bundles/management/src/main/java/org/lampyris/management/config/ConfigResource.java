package org.lampyris.management.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.lampyris.internal.json.Json;
import org.lampyris.internal.json.JsonException;
import org.lampyris.api.management.ConfigurationCheck;
import org.lampyris.api.management.ManagementRequest;
import org.lampyris.api.management.ManagementResource;
import org.lampyris.api.management.ManagementResponse;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * {@code /mgmt/config/{pid}}: any component's configuration, read and written as a JSON object, validated against
 * the component's metatype before anything is stored. A PUT sets the properties it names and keeps the others; a bad
 * one is refused with 4.00 naming the property and what it accepts, and nothing changes. Configuration Admin keeps
 * the result, so it survives a restart ({@code conf/} files are applied at boot only when they changed).
 * <p>
 * {@code GET /mgmt/config} lists the PIDs that have a configuration or a metatype. Passwords (metatype type
 * PASSWORD) and the secrets of pre-shared keys ({@code identity:role:secret}) are never shown.
 */
@Component(service = ManagementResource.class, property = ManagementResource.NAME + "=config")
public class ConfigResource implements ManagementResource {
    private static final Set<String> FRAMEWORK_KEYS = Set.of(Constants.SERVICE_PID, ConfigurationAdmin.SERVICE_FACTORYPID,
            ConfigurationAdmin.SERVICE_BUNDLELOCATION, "felix.fileinstall.filename");
    private static final String HIDDEN = "(hidden)";

    @Reference
    private ConfigurationAdmin configurationAdmin;
    @Reference
    private MetaTypeService metaTypes;
    private BundleContext context;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
    }

    @Override
    public ManagementResponse handle(ManagementRequest request) throws Exception {
        if (request.path().isEmpty()) {
            if (!request.method().equals("GET")) {
                return ManagementResponse.text(405, request.method() + " /mgmt/config: GET lists the PIDs; "
                        + "GET or PUT /mgmt/config/{pid} reads or writes one");
            }
            return ManagementResponse.json(205, Json.write(pids()));
        }
        if (request.path().size() > 1) {
            return ManagementResponse.text(404, "no such resource: /mgmt/config/" + String.join("/", request.path()));
        }
        String pid = request.path().get(0);
        ObjectClassDefinition definition = definition(pid);
        return switch (request.method()) {
            case "GET" -> read(pid, definition);
            case "PUT" -> write(pid, definition, request);
            default -> ManagementResponse.text(405, request.method() + " /mgmt/config/" + pid
                    + ": a configuration is read with GET and written with PUT");
        };
    }

    private ManagementResponse read(String pid, ObjectClassDefinition definition) throws Exception {
        Configuration configuration = existing(pid);
        if (configuration == null && definition == null) {
            return ManagementResponse.text(404, "no configuration and no metatype for PID " + pid
                    + "; GET /mgmt/config lists them");
        }
        Map<String, Object> values = new TreeMap<>();
        if (configuration != null && configuration.getProperties() != null) {
            Dictionary<String, Object> properties = configuration.getProperties();
            for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                if (!FRAMEWORK_KEYS.contains(key)) {
                    values.put(key, redact(key, toJson(properties.get(key)), definition));
                }
            }
        }
        return ManagementResponse.json(205, Json.write(values));
    }

    private ManagementResponse write(String pid, ObjectClassDefinition definition, ManagementRequest request)
            throws Exception {
        if (definition == null) {
            return ManagementResponse.text(404, "PID " + pid + " has no metatype, so a change cannot be checked; "
                    + "GET /mgmt/config lists the PIDs");
        }
        if (request.contentFormat() != -1 && request.contentFormat() != ManagementResponse.JSON) {
            return ManagementResponse.text(415, "PUT /mgmt/config/" + pid + " takes application/json (50), not "
                    + "Content-Format " + request.contentFormat());
        }
        Object body;
        try {
            body = Json.parse(request.body());
        } catch (JsonException e) {
            return ManagementResponse.text(400, e.getMessage());
        }
        if (!(body instanceof Map<?, ?> changes) || changes.isEmpty()) {
            return ManagementResponse.text(400, "PUT /mgmt/config/" + pid
                    + " takes a JSON object of the properties to set, e.g. {\"level\": 80}");
        }
        Map<String, AttributeDefinition> attributes = new LinkedHashMap<>();
        for (AttributeDefinition ad : definition.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            attributes.put(ad.getID(), ad);
        }
        Hashtable<String, Object> converted = new Hashtable<>();
        for (Map.Entry<?, ?> change : changes.entrySet()) {
            String key = (String) change.getKey();
            AttributeDefinition ad = attributes.get(key);
            if (ad == null) {
                return ManagementResponse.text(400, "unknown property '" + key + "' of " + pid + "; it has "
                        + String.join(", ", new TreeSet<>(attributes.keySet())));
            }
            if (String.valueOf(change.getValue()).contains(HIDDEN)) {
                return ManagementResponse.text(400, "property '" + key + "' of " + pid + ": send the secret itself; "
                        + HIDDEN + " is how a GET shows it");
            }
            try {
                converted.put(key, MetatypeValues.convert(ad, change.getValue()));
            } catch (IllegalArgumentException e) {
                return ManagementResponse.text(400, "property '" + key + "' of " + pid + ": " + e.getMessage());
            }
        }
        Configuration configuration = configurationAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> current = configuration.getProperties();
        Hashtable<String, Object> merged = new Hashtable<>();
        if (current != null) {
            for (Enumeration<String> keys = current.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                merged.put(key, current.get(key));
            }
        }
        merged.putAll(converted);
        String problem = check(pid, merged);
        if (problem != null) {
            return ManagementResponse.text(400, pid + ": " + problem + "; nothing was changed");
        }
        configuration.update(merged);
        ManagementResponse stored = read(pid, definition);
        return new ManagementResponse(204, stored.contentFormat(), stored.body());
    }

    /** @return the first problem a {@link ConfigurationCheck} of the PID finds, {@code null} if none does */
    private String check(String pid, Map<String, Object> properties) throws InvalidSyntaxException {
        Collection<ServiceReference<ConfigurationCheck>> checks = context.getServiceReferences(
                ConfigurationCheck.class, "(" + ConfigurationCheck.PID + "=" + pid + ")");
        for (ServiceReference<ConfigurationCheck> ref : checks) {
            ConfigurationCheck check = context.getService(ref);
            if (check == null) {
                continue;
            }
            try {
                String problem = check.problem(Collections.unmodifiableMap(properties));
                if (problem != null) {
                    return problem;
                }
            } catch (RuntimeException e) {
                return "its check failed (" + e + ")";
            } finally {
                context.ungetService(ref);
            }
        }
        return null;
    }

    private Configuration existing(String pid) throws Exception {
        Configuration[] found = configurationAdmin.listConfigurations("(" + Constants.SERVICE_PID + "=" + pid + ")");
        return found == null || found.length == 0 ? null : found[0];
    }

    /** @return the metatype of a PID from whichever bundle defines it, or null */
    private ObjectClassDefinition definition(String pid) {
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation information = metaTypes.getMetaTypeInformation(bundle);
            if (information == null) {
                continue;
            }
            for (String known : information.getPids()) {
                if (known.equals(pid)) {
                    return information.getObjectClassDefinition(pid, null);
                }
            }
        }
        return null;
    }

    private List<Map<String, Object>> pids() throws Exception {
        Map<String, Map<String, Object>> byPid = new TreeMap<>();
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation information = metaTypes.getMetaTypeInformation(bundle);
            if (information != null) {
                for (String pid : information.getPids()) {
                    Map<String, Object> entry = byPid.computeIfAbsent(pid, ConfigResource::entry);
                    entry.put("name", information.getObjectClassDefinition(pid, null).getName());
                    entry.put("bundle", bundle.getSymbolicName());
                }
            }
        }
        Configuration[] configurations = configurationAdmin.listConfigurations(null);
        if (configurations != null) {
            for (Configuration c : configurations) {
                byPid.computeIfAbsent(c.getPid(), ConfigResource::entry).put("configured", true);
            }
        }
        return new ArrayList<>(byPid.values());
    }

    private static Map<String, Object> entry(String pid) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("pid", pid);
        entry.put("configured", false);
        return entry;
    }

    /** @return a property value as JSON: arrays and collections as lists */
    private static Object toJson(Object value) {
        if (value != null && value.getClass().isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
                list.add(java.lang.reflect.Array.get(value, i));
            }
            return list;
        }
        if (value instanceof java.util.Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (value instanceof Character || value instanceof Float) {
            return value instanceof Float f ? (Object) f.doubleValue() : value.toString();
        }
        return value;
    }

    /** Secrets stay on the post: passwords entirely, the secret part of {@code identity:role:secret} entries. */
    private static Object redact(String key, Object value, ObjectClassDefinition definition) {
        if (definition != null) {
            for (AttributeDefinition ad : definition.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
                if (ad.getID().equals(key) && ad.getType() == AttributeDefinition.PASSWORD) {
                    return HIDDEN;
                }
            }
        }
        if ((key.equals("psk") || key.endsWith(".psk")) && value instanceof List<?> entries) {
            List<Object> hidden = new ArrayList<>();
            for (Object entry : entries) {
                String text = String.valueOf(entry);
                int second = text.indexOf(':', text.indexOf(':') + 1);
                hidden.add(second < 0 ? HIDDEN : text.substring(0, second + 1) + HIDDEN);
            }
            return Collections.unmodifiableList(hidden);
        }
        return value;
    }
}
