package org.hisp.dhis.common;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** Stand-in for DHIS2's documentation annotations: only `Required` matters to its CSV reader. */
public @interface OpenApi {
  @Retention(RetentionPolicy.RUNTIME)
  @interface Required {}

  @interface Property {
    Class<?>[] value() default {};
  }

  @interface Description {
    String value();
  }

  @interface Shared {
    String name() default "";
  }
}
