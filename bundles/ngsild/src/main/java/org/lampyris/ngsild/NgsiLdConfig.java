package org.lampyris.ngsild;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where the post publishes its entities, as whom, and how often. */
@ObjectClassDefinition(id = NgsiLdConfig.PID, name = "Lampyris NGSI-LD publisher",
        description = "Publishes the post's state to a city's ETSI NGSI-LD context broker as FIWARE Smart Data "
                + "Models entities (Streetlight, AirQualityObserved, EVChargingStation, CrowdFlowObserved, "
                + "TrafficFlowObserved).")
public @interface NgsiLdConfig {

    /** The configuration PID. */
    String PID = "org.lampyris.ngsild";

    @AttributeDefinition(name = "Broker URL",
            description = "The context broker's base URL, https://broker.city.example (the API is under "
                    + "/ngsi-ld/v1/ there); http:// only on a development post. Empty: off.")
    String broker_url() default "";

    @AttributeDefinition(name = "Tenant",
            description = "The NGSILD-Tenant header of every request. Empty: the broker's default tenant.")
    String tenant() default "";

    @AttributeDefinition(name = "Bearer token",
            description = "Sent as Authorization: Bearer. Empty: none (or Basic credentials).",
            type = AttributeType.PASSWORD)
    String bearer_token() default "";

    @AttributeDefinition(name = "Basic-auth user", description = "With the password: Authorization: Basic.")
    String basic_auth_user() default "";

    @AttributeDefinition(name = "Basic-auth password", description = "The password of the Basic-auth user.",
            type = AttributeType.PASSWORD)
    String basic_auth_password() default "";

    @AttributeDefinition(name = "@context URLs",
            description = "The JSON-LD contexts of the entities. None: each model's own Smart Data Models subject "
                    + "context (dataModel.Streetlighting, dataModel.Environment, dataModel.Transportation), in a Link "
                    + "header, one batch per subject. One: that context, in a Link header, for every entity. "
                    + "Several: each entity carries them inline (application/ld+json). The broker adds the NGSI-LD "
                    + "core context itself.")
    String[] context_urls() default {};

    @AttributeDefinition(name = "Deadband",
            description = "A number changes an entity when it moves by more than this fraction of its last sent "
                    + "value (0.02: 2 %); a change from or to 0, or of a text, always does.", min = "0")
    double deadband() default 0.02;

    @AttributeDefinition(name = "Minimum interval (s)",
            description = "Post seconds at least between two updates of one entity; a change in between is sent "
                    + "when the interval is over (the latest one).", min = "0")
    int min_interval_s() default 10;

    @AttributeDefinition(name = "Refresh interval (s)",
            description = "Post seconds after which an entity is sent again even though nothing changed.", min = "1")
    int refresh_interval_s() default 900;

    @AttributeDefinition(name = "Counting interval (s)",
            description = "Post seconds of one CrowdFlowObserved or TrafficFlowObserved observation.", min = "1")
    int counting_interval_s() default 900;

    @AttributeDefinition(name = "Socket types",
            description = "socketType of the EVChargingStation, from the model's list (Type2, CCS/SAE ...).")
    String[] socket_types() default { "Type2" };

    @AttributeDefinition(name = "Allowed vehicle types",
            description = "allowedVehicleType of the EVChargingStation, from the model's list (car, bicycle, ...).")
    String[] allowed_vehicle_types() default { "car" };

    @AttributeDefinition(name = "Outbox size (entities)",
            description = "Entity updates kept for the broker while it is out of reach; when full, the oldest "
                    + "go first, and are counted.", min = "10")
    int outbox_limit() default 5000;

    @AttributeDefinition(name = "Batch size (entities)",
            description = "Entities in one batch upsert at most.", min = "1")
    int batch_size() default 50;

    @AttributeDefinition(name = "Request timeout (s)", description = "How long a request may take.", min = "1")
    int request_timeout_s() default 30;

    @AttributeDefinition(name = "First retry wait (s)",
            description = "Real seconds before a failed request is tried again; doubled after each failure.",
            min = "1")
    int retry_min_s() default 1;

    @AttributeDefinition(name = "Longest retry wait (s)", description = "The bound of the doubling wait.", min = "1")
    int retry_max_s() default 60;
}
