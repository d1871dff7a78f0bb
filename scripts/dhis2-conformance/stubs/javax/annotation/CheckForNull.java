package javax.annotation;

/** Stand-in for JSR-305's annotation. */
public @interface CheckForNull {}
