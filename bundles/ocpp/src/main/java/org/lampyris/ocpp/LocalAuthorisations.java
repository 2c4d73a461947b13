package org.lampyris.ocpp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lampyris.internal.durable.DurableFile;
import org.lampyris.internal.json.Json;
import org.lampyris.internal.json.JsonException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the post knows about idTags when the CSMS is out of reach (OCPP 1.6, 3.5): the local authorisation list the
 * CSMS sends (SendLocalList, with its version) and the cache of the answers the CSMS gave to Authorize. Both are kept
 * in the bundle's data area. An idTag is accepted offline if the list says Accepted, or else the cache does, and its
 * expiry date has not passed. Not thread-safe: the {@link ChargePointLink}'s thread uses it.
 */
final class LocalAuthorisations {
    private static final Logger LOG = LoggerFactory.getLogger(LocalAuthorisations.class);
    /** How many idTags the local list holds at most (LocalAuthListMaxLength). */
    static final int MAX_LIST = 1000;
    /** How many idTags one SendLocalList may carry (SendLocalListMaxLength). */
    static final int MAX_SEND = 100;
    /** How many answers the cache keeps; the oldest goes first. */
    static final int MAX_CACHE = 1000;

    private final Path file;
    private long version;
    private final Map<String, Map<String, Object>> list = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> cache = new LinkedHashMap<>();

    /** @param file where they are kept; null for memory only */
    LocalAuthorisations(Path file) {
        this.file = file;
        load();
    }

    /** @return the version of the local list; 0 when none was sent */
    long version() {
        return version;
    }

    /**
     * Carries out a SendLocalList.
     *
     * @return the OCPP status: Accepted, Failed (too long) or VersionMismatch (a differential update of an older
     *         list)
     */
    @SuppressWarnings("unchecked")
    String update(Map<String, Object> payload) throws CallError {
        long newVersion = CallError.integer(payload, "listVersion", true);
        String type = CallError.oneOf(payload, "updateType", true, List.of("Full", "Differential"));
        Object entries = payload.get("localAuthorizationList");
        List<Object> items = entries == null ? List.of() : entries instanceof List<?> l ? (List<Object>) l : null;
        if (items == null) {
            throw new CallError("TypeConstraintViolation", "localAuthorizationList must be an array");
        }
        if (items.size() > MAX_SEND) {
            return "Failed";
        }
        if (type.equals("Differential") && newVersion <= version) {
            return "VersionMismatch";
        }
        Map<String, Map<String, Object>> next = new LinkedHashMap<>(type.equals("Full") ? Map.of() : list);
        for (Object o : items) {
            if (!(o instanceof Map<?, ?>)) {
                throw new CallError("TypeConstraintViolation", "a localAuthorizationList entry is an object");
            }
            Map<String, Object> entry = (Map<String, Object>) o;
            String idTag = CallError.string(entry, "idTag", 20);
            Object info = entry.get("idTagInfo");
            if (info == null) {
                next.remove(idTag);
            } else if (info instanceof Map<?, ?> m) {
                CallError.oneOf((Map<String, Object>) m, "status", true,
                        List.of("Accepted", "Blocked", "Expired", "Invalid", "ConcurrentTx"));
                next.put(idTag, (Map<String, Object>) m);
            } else {
                throw new CallError("TypeConstraintViolation", "idTagInfo must be an object");
            }
        }
        if (next.size() > MAX_LIST) {
            return "Failed";
        }
        list.clear();
        list.putAll(next);
        version = newVersion;
        save();
        LOG.info("OCPP: local authorisation list version {} ({} update): {} idTags", version, type, list.size());
        return "Accepted";
    }

    /** Remembers the CSMS's answer about an idTag, from an Authorize, StartTransaction or StopTransaction. */
    void remember(String idTag, Map<String, Object> idTagInfo) {
        cache.remove(idTag);
        cache.put(idTag, idTagInfo);
        while (cache.size() > MAX_CACHE) {
            cache.remove(cache.keySet().iterator().next());
        }
        save();
    }

    /** ClearCache. */
    void clearCache() {
        cache.clear();
        save();
    }

    /**
     * @return the status the local list, or else the cache, gives an idTag at {@code now} (Expired once its expiry
     *         date has passed); null if neither knows it
     */
    String status(String idTag, Instant now) {
        Map<String, Object> info = list.containsKey(idTag) ? list.get(idTag) : cache.get(idTag);
        if (info == null) {
            return null;
        }
        if (info.get("expiryDate") instanceof String expiry) {
            try {
                if (!OffsetDateTime.parse(expiry).toInstant().isAfter(now)) {
                    return "Expired";
                }
            } catch (java.time.format.DateTimeParseException e) {
                return "Invalid";
            }
        }
        return String.valueOf(info.get("status"));
    }

    private void save() {
        if (file == null) {
            return;
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("listVersion", version);
        state.put("list", list);
        state.put("cache", cache);
        try {
            DurableFile.write(file, Json.write(state).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warn("OCPP: the local authorisations could not be written to {}: {}", file, e.toString());
        }
    }

    @SuppressWarnings("unchecked")
    private void load() {
        if (file == null) {
            return;
        }
        try {
            Map<String, Object> state = (Map<String, Object>) Json.parse(Files.readAllBytes(file));
            long v = (Long) state.get("listVersion");
            Map<String, Map<String, Object>> l = (Map<String, Map<String, Object>>) state.get("list");
            Map<String, Map<String, Object>> c = (Map<String, Map<String, Object>>) state.get("cache");
            version = v;
            list.putAll(l);
            cache.putAll(c);
        } catch (NoSuchFileException e) {
            // none yet
        } catch (IOException | JsonException | RuntimeException e) {
            LOG.error("OCPP: the local authorisations in {} cannot be read; none known offline: {}", file,
                    e.toString());
        }
    }
}
