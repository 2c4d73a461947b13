package org.lampyris.hal.ev;

/**
 * The hardware limits of a charge point.
 *
 * @param minCurrentAmps the smallest current IEC 61851 allows to offer, normally 6 A
 * @param maxCurrentAmps the largest current the cable and supply allow, at most 32 A
 * @param phases 1 or 3
 * @param voltage the phase voltage, in V
 */
public record EvseInfo(double minCurrentAmps, double maxCurrentAmps, int phases, double voltage) {
}
