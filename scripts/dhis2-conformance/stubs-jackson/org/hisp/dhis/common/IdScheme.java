package org.hisp.dhis.common;

/**
 * Stand-in for DHIS2's id scheme: `DataValueSet` only turns its scheme names into one, which reading
 * the values does not need (DHIS2's own class pulls in its metadata model).
 */
public final class IdScheme {
  public static final IdScheme NULL = new IdScheme();

  public static IdScheme from(String scheme) {
    return NULL;
  }
}
