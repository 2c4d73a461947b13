/**
 * Payload formats of the CoAP endpoint: encoding readings as {@code text/plain}, JSON, SenML JSON and SenML CBOR
 * (RFC 8428), decoding written values, and RFC 6690 query filtering for {@code /.well-known/core}.
 * <p>
 * Internal to the CoAP bundle (not exported). Plain JDK only: {@link org.lampyris.internal.json.Json} and
 * {@link org.lampyris.coap.format.Cbor} are small, strict codecs for exactly what the endpoint needs.
 */
package org.lampyris.coap.format;
