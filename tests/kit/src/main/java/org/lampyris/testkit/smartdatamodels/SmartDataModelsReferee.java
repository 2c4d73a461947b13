package org.lampyris.testkit.smartdatamodels;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.lampyris.testkit.SharedFolder;

/**
 * Judges NGSI-LD entities by the official FIWARE Smart Data Models artifacts, offline: the {@code schema.json} of
 * the entity's model (JSON Schema 2020-12, with the shared {@code common-schema.json} it refers to, formats
 * asserted) for the entity's key-values form, and a JSON-LD 1.1 expansion (titanium-json-ld) against the contexts
 * the entity was sent with and the NGSI-LD core context, in which no term may be left undefined (fall to the core
 * context's default vocabulary).
 * <p>
 * The artifacts are not copied into the project: they are read from {@code shared/smart-data-models} beside the
 * checkout, or beside the repository a clone was made from (see {@code SOURCES.md} there for the URL each file
 * stands for). Every URL a schema or context refers to is mapped to one of those files; any other is refused, so
 * nothing is fetched. Needs {@code com.networknt:json-schema-validator}, {@code com.apicatalog:titanium-json-ld} and
 * a Jakarta JSON Processing implementation on the test class path.
 */
public final class SmartDataModelsReferee {
    /** Where the NGSI-LD core context puts a term no context defines. */
    public static final String DEFAULT_VOCABULARY = "https://uri.etsi.org/ngsi-ld/default-context/";
    private static final String CORE = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context";
    private static final Map<String, String> SUBJECTS = Map.of("Streetlight", "dataModel.Streetlighting",
            "AirQualityObserved", "dataModel.Environment", "EVChargingStation", "dataModel.Transportation",
            "CrowdFlowObserved", "dataModel.Transportation", "TrafficFlowObserved", "dataModel.Transportation");

    private final Path root;
    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonSchemaFactory factory;
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final Map<String, com.apicatalog.jsonld.document.Document> loaded = new ConcurrentHashMap<>();
    /** The contexts, each read once: a few hundred entities expand in seconds, not minutes. */
    private final DocumentLoader contexts = (url, options) -> {
        com.apicatalog.jsonld.document.Document d = loaded.get(url.toString());
        if (d == null) {
            d = context(url, options);
            loaded.put(url.toString(), d);
        }
        return d;
    };

    private SmartDataModelsReferee(Path root) {
        this.root = root;
        String files = root.toUri().toString();
        // The Smart Data Models' own annotations ($schemaVersion, modelTags) validate nothing: known, so not warned of.
        com.networknt.schema.JsonMetaSchema meta = com.networknt.schema.JsonMetaSchema
                .builder(com.networknt.schema.JsonMetaSchema.getV202012())
                .keyword(new com.networknt.schema.NonValidationKeyword("$schemaVersion"))
                .keyword(new com.networknt.schema.NonValidationKeyword("modelTags")).build();
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, b -> b
                .metaSchema(meta)
                .schemaMappers(m -> m
                        .mapPrefix("https://smart-data-models.github.io/", files)
                        .mapPrefix("https://raw.githubusercontent.com/smart-data-models/dataModel.Environment/master/",
                                files + "dataModel.Environment/"))
                .schemaLoaders(l -> l.values(list -> list.add(0, iri -> {
                    String s = iri.toString();
                    if ((s.startsWith("http:") || s.startsWith("https:")) && !s.startsWith("https://json-schema.org/")
                            && !s.startsWith("http://json-schema.org/")) {
                        throw new IllegalStateException("the schema refers to " + s
                                + ", which is not among the local Smart Data Models files: nothing is fetched");
                    }
                    return null;
                }))));
    }

    /**
     * @param projectRoot the root of the checkout
     * @return the referee, if the Smart Data Models files are there
     */
    public static Optional<SmartDataModelsReferee> find(Path projectRoot) {
        Path folder = folder(projectRoot);
        return Files.isRegularFile(folder.resolve("data-models/common-schema.json"))
                ? Optional.of(new SmartDataModelsReferee(folder))
                : Optional.empty();
    }

    /**
     * @return where the files are looked for: {@code -Dlampyris.sdm}, else {@code shared/smart-data-models} beside
     *         the checkout, else beside the repository a clone was made from
     */
    public static Path folder(Path projectRoot) {
        return SharedFolder.locate(projectRoot, "smart-data-models", "lampyris.sdm");
    }

    /**
     * @param entity an NGSI-LD entity, normalized, as JSON
     * @param contextUrls the {@code @context} it was sent with (Link header or its own), without the core context
     * @return what is wrong with it by its model's schema and its contexts; empty if nothing is
     */
    public List<String> problems(String entity, List<String> contextUrls) {
        List<String> problems = new ArrayList<>();
        JsonNode tree;
        try {
            tree = mapper.readTree(entity);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        String type = tree.path("type").asText();
        String id = tree.path("id").asText();
        String subject = SUBJECTS.get(type);
        if (subject == null) {
            return List.of(id + ": no Smart Data Models schema for type '" + type + "' here");
        }
        JsonSchema schema = schemas.computeIfAbsent(type, t -> factory.getSchema(SchemaLocation.of(
                "https://smart-data-models.github.io/" + subject + "/" + t + "/schema.json"),
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build()));
        for (ValidationMessage m : schema.validate(keyValues(tree).toString(), InputFormat.JSON)) {
            problems.add(id + " (schema): " + m.getMessage());
        }
        problems.addAll(undefinedTerms(id, tree, contextUrls));
        return problems;
    }

    /** @return the key-values form of a normalized entity, which the Smart Data Models schemas describe */
    public JsonNode keyValues(JsonNode normalized) {
        ObjectNode simple = mapper.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> i = normalized.fields(); i.hasNext();) {
            Map.Entry<String, JsonNode> e = i.next();
            JsonNode v = e.getValue();
            if (e.getKey().equals("@context")) {
                continue;
            }
            if (v.isObject() && v.has("type") && v.path("type").asText().endsWith("Relationship")) {
                simple.set(e.getKey(), v.get("object"));
            } else if (v.isObject() && v.has("value")) {
                JsonNode value = v.get("value");
                simple.set(e.getKey(), value.isObject() && value.has("@value") ? value.get("@value") : value);
            } else {
                simple.set(e.getKey(), v);
            }
        }
        return simple;
    }

    private List<String> undefinedTerms(String id, JsonNode tree, List<String> contextUrls) {
        ObjectNode withContext = tree.deepCopy();
        ArrayNode context = withContext.putArray("@context");
        contextUrls.forEach(context::add);
        context.add(CORE + ".jsonld");
        JsonArray expanded;
        try (InputStream in = new java.io.ByteArrayInputStream(mapper.writeValueAsBytes(withContext))) {
            expanded = JsonLd.expand(JsonDocument.of(in)).loader(contexts).get();
        } catch (JsonLdError | IOException e) {
            return List.of(id + " (JSON-LD): cannot be expanded: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        if (expanded.size() != 1) {
            return List.of(id + " (JSON-LD): expands to " + expanded.size() + " nodes");
        }
        JsonObject node = expanded.getJsonObject(0);
        for (Iterator<String> names = tree.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!Set.of("id", "type", "@context").contains(name)
                    && node.keySet().stream().noneMatch(k -> !k.startsWith(DEFAULT_VOCABULARY) && k.endsWith(name))) {
                problems.add(id + " (JSON-LD): the attribute '" + name + "' is no term of " + contextUrls);
            }
        }
        for (Map.Entry<String, JsonValue> e : node.entrySet()) {
            check(id, e.getKey(), e.getValue(), problems);
        }
        return problems;
    }

    /** Every IRI a key or a type expanded to must come from a context, not from the default vocabulary. */
    private static void check(String id, String key, JsonValue value, List<String> problems) {
        if (key.startsWith(DEFAULT_VOCABULARY)) {
            problems.add(id + " (JSON-LD): '" + key.substring(DEFAULT_VOCABULARY.length())
                    + "' is defined by no context");
        }
        if (key.equals("@type")) {
            List<JsonValue> types = value instanceof JsonArray a ? a : List.of(value);
            for (JsonValue t : types) {
                if (t instanceof JsonString s && (s.getString().startsWith(DEFAULT_VOCABULARY)
                        || !s.getString().contains(":"))) {
                    problems.add(id + " (JSON-LD): the type '" + s.getString() + "' is defined by no context");
                }
            }
        }
        if (value instanceof JsonArray a) {
            for (JsonValue v : a) {
                if (v instanceof JsonObject o && !o.containsKey("@value") && !o.containsKey("@list")) {
                    for (Map.Entry<String, JsonValue> e : o.entrySet()) {
                        check(id, e.getKey(), e.getValue(), problems);
                    }
                }
            }
        }
    }

    /** Loads a context from the local files by the URL the models use for it; refuses any other. */
    private com.apicatalog.jsonld.document.Document context(URI url, com.apicatalog.jsonld.loader.DocumentLoaderOptions o)
            throws JsonLdError {
        String u = url.toString();
        try {
            if (u.startsWith(CORE)) {
                String version = u.equals(CORE + ".jsonld") ? "1.7" : u.substring(CORE.length() + 2).replace(".jsonld", "");
                JsonObject all;
                try (InputStream in = Files.newInputStream(root.resolve(
                        "data-models/context/ontologies_files/ngsi-ld-core-context.jsonld"))) {
                    all = Json.createReader(in).readObject();
                }
                if (!all.containsKey(version)) {
                    throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED, "no core context " + u);
                }
                return JsonDocument.of(Json.createObjectBuilder().add("@context", all.get(version)).build());
            }
            Path file = contextFile(u);
            if (file == null) {
                throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED, u
                        + " is not among the local Smart Data Models contexts: nothing is fetched");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return JsonDocument.of(in);
            }
        } catch (IOException e) {
            throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED, u + ": " + e);
        }
    }

    private Path contextFile(String u) {
        if (u.equals("https://smartdatamodels.org/context.jsonld")
                || u.equals("https://raw.githubusercontent.com/smart-data-models/data-models/master/context.jsonld")) {
            return root.resolve("data-models/context.jsonld");
        }
        for (String subject : SUBJECTS.values().stream().collect(Collectors.toSet())) {
            if (u.equals("https://raw.githubusercontent.com/smart-data-models/" + subject + "/master/context.jsonld")
                    || u.equals("https://smart-data-models.github.io/" + subject + "/context.jsonld")) {
                return root.resolve(subject + "/context.jsonld");
            }
        }
        return null;
    }
}
