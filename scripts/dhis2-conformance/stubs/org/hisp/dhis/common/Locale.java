package org.hisp.dhis.common;

/** Stand-in for DHIS2's locale type: the CSV reader registers a deserializer for it. */
public record Locale(String value) {
  public static Locale of(String value) {
    return new Locale(value);
  }
}
