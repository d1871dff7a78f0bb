package org.intellij.lang.annotations;

/** Stand-in for IntelliJ's annotation. */
public @interface Language {
  String value();
}
