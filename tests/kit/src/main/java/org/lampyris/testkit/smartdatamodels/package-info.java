/**
 * A referee of NGSI-LD entities by the official FIWARE Smart Data Models files (schemas and JSON-LD contexts), for
 * the tests of the NGSI-LD publisher. A package of its own, so that the OSGi tests, which embed
 * {@code org.lampyris.testkit}, do not import the JSON libraries it needs.
 */
package org.lampyris.testkit.smartdatamodels;
