package javax.annotation;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** Stand-in for JSR-305's annotation, kept at run time: DHIS2's CSV reader marks required columns with it. */
@Retention(RetentionPolicy.RUNTIME)
public @interface Nonnull {}
