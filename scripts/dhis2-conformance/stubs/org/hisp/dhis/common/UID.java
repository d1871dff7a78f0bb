package org.hisp.dhis.common;

/** Stand-in for DHIS2's id type: the CSV reader registers a deserializer for it. */
public record UID(String value) {
  public static UID of(String value) {
    return new UID(value);
  }
}
