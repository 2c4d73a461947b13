package org.lampyris.coap;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.lampyris.api.point.Reading;
import org.lampyris.coap.format.MediaTypes;
import org.lampyris.coap.format.PayloadWriter;
import org.lampyris.coap.format.SenmlRecord;
import org.lampyris.coap.history.MinuteRing;
import org.lampyris.coap.history.PointHistory;

/**
 * {@code /history}: the recent past of every numeric point, so that an integrator draws last night from one request.
 * {@code GET /history} lists the points that have a history (link format); {@code GET /history/light/level?since=S
 * &until=U} (seconds since the epoch, post time; {@code since} defaults to the oldest minute kept, {@code until} to
 * now) answers a SenML pack, JSON or CBOR by Accept, with one record per minute that has a value: the record at
 * {@code t} holds the last value reported in the minute that starts at {@code t} (see {@link MinuteRing}). A pack of
 * two days exceeds a datagram, and Californium sends it block-wise (RFC 7959).
 * <p>
 * One resource serves the whole tree below it ({@link #getChild} answers itself for any name), because the history of
 * a point outlives the point: it is kept, and served, while the point's plugin is gone.
 */
final class HistoryResource extends AnsweringResource {
    static final String NAME = "history";
    private static final List<Integer> FORMATS = List.of(MediaTypes.SENML_JSON, MediaTypes.SENML_CBOR);

    private final PointHistory history;
    private final PostIdentity post;
    private final LongSupplier nowMillis;

    /**
     * @param history the history served
     * @param post whose history, for the SenML base name
     * @param nowMillis post time now, epoch milliseconds
     */
    HistoryResource(PointHistory history, PostIdentity post, LongSupplier nowMillis) {
        super(NAME);
        this.history = history;
        this.post = post;
        this.nowMillis = nowMillis;
        getAttributes().addResourceType("lampyris.history");
        getAttributes().addContentType(MediaTypes.LINK_FORMAT);
        getAttributes().setTitle("per-minute history of numeric points: GET /history/{point path}?since=S&until=U");
    }

    @Override
    public Resource getChild(String name) {
        Resource child = super.getChild(name);
        return child == null ? this : child;
    }

    @Override
    public void handleGET(CoapExchange exchange) {
        List<String> segments = exchange.getRequestOptions().getUriPath();
        if (segments.size() <= 1) {
            list(exchange);
            return;
        }
        String path = "/" + String.join("/", segments.subList(1, segments.size()));
        int accept = exchange.getRequestOptions().hasAccept() ? exchange.getRequestOptions().getAccept()
                : MediaTypes.SENML_JSON;
        if (!FORMATS.contains(accept)) {
            exchange.respond(ResponseCode.NOT_ACCEPTABLE, "a history is served as " + MediaTypes.describe(FORMATS),
                    MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        PointHistory.Series series = history.get(path);
        if (series == null) {
            exchange.respond(ResponseCode.NOT_FOUND, "no history of " + path
                    + "; GET /history lists the points that have one", MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        long now = nowMillis.getAsLong();
        Span span;
        try {
            span = Span.of(exchange.getRequestOptions().getUriQuery(), now, history.minutes());
        } catch (IllegalArgumentException e) {
            exchange.respond(ResponseCode.BAD_REQUEST, e.getMessage(), MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        String name = PostIdentity.senmlName(path);
        List<SenmlRecord> records = new ArrayList<>();
        for (MinuteRing.Minute m : series.ring().between(span.fromMinute(), span.toMinute(), now)) {
            records.add(new SenmlRecord(name, series.unit(),
                    Reading.of(m.value(), Instant.ofEpochSecond(m.epochSecond()))));
        }
        byte[] body = accept == MediaTypes.SENML_CBOR ? PayloadWriter.senmlCbor(post.baseName(), records)
                : PayloadWriter.senmlJson(post.baseName(), records);
        exchange.respond(ResponseCode.CONTENT, body, accept);
    }

    private void list(CoapExchange exchange) {
        int accept = exchange.getRequestOptions().hasAccept() ? exchange.getRequestOptions().getAccept()
                : MediaTypes.LINK_FORMAT;
        if (accept != MediaTypes.LINK_FORMAT) {
            exchange.respond(ResponseCode.NOT_ACCEPTABLE, "/history is listed as "
                    + MediaTypes.describe(List.of(MediaTypes.LINK_FORMAT)), MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        String links = history.paths().stream()
                .map(p -> "</" + NAME + p + ">;rt=\"lampyris.history\";ct=\"" + MediaTypes.SENML_JSON + " "
                        + MediaTypes.SENML_CBOR + "\"")
                .collect(Collectors.joining(","));
        exchange.respond(ResponseCode.CONTENT, links, MediaTypes.LINK_FORMAT);
    }

    /**
     * The minutes a request asks for: those that overlap [since, until].
     *
     * @param fromMinute the first epoch minute
     * @param toMinute the last epoch minute
     */
    record Span(long fromMinute, long toMinute) {
        /** Up to 12 digits (past the year 30000) and a fraction: nothing that costs work to parse. */
        private static final Pattern SECONDS = Pattern.compile("-?[0-9]{1,12}(\\.[0-9]{0,9})?");

        /**
         * @param queries the request's query options, such as {@code since=1765000000}
         * @param nowMillis post time now
         * @param minutes the minutes kept, which since defaults to
         * @throws IllegalArgumentException saying what is wrong with the query
         */
        static Span of(List<String> queries, long nowMillis, int minutes) {
            Long since = null;
            Long until = null;
            for (String query : queries) {
                int eq = query.indexOf('=');
                String key = eq < 0 ? query : query.substring(0, eq);
                String value = eq < 0 ? "" : query.substring(eq + 1);
                switch (key) {
                    case "since" -> since = seconds(key, value);
                    case "until" -> until = seconds(key, value);
                    default -> throw new IllegalArgumentException("unknown query parameter '" + key
                            + "': a history takes since=<unix seconds> and until=<unix seconds>");
                }
            }
            long nowMinute = Math.floorDiv(nowMillis, 60_000L);
            long from = since == null ? nowMinute - minutes + 1 : Math.floorDiv(since, 60L);
            long to = until == null ? nowMinute : Math.floorDiv(until, 60L);
            if (since != null && until != null && until < since) {
                throw new IllegalArgumentException("until (" + until + ") is before since (" + since + ")");
            }
            return new Span(from, to);
        }

        private static long seconds(String key, String value) {
            // Whole seconds, as a unix time is written; a fraction is allowed and rounded down.
            if (!SECONDS.matcher(value).matches()) {
                throw new IllegalArgumentException(key + " '" + value + "' is not a time in seconds since the epoch, "
                        + "such as 1765000000");
            }
            return new BigDecimal(value).setScale(0, RoundingMode.FLOOR).longValueExact();
        }
    }
}
